import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CityEvent } from '@zhongshu/stream';
import { postEvents } from './support/events';
import { opsHeaders } from './support/auth';
import { startZhongshu, type ZhongshuProcess } from './support/zhongshu-process';

const API_KEY = 'k1';

interface Receipt {
  service_request_id: string;
  service_notice: string | null;
  account_id: string | null;
}
type Record311 = Record<string, unknown> & { service_request_id: string; status: string };
type ErrorItem = { code: number; description: string };

/** An Open311 client: plain fetch, form-encoded as GeoReport v2 says. */
describe('Open311 GeoReport v2 (real process)', () => {
  let zs: ZhongshuProcess;
  let base: string;

  async function file(
    fields: Record<string, string>,
    options: { format?: 'json' | 'xml'; headers?: Record<string, string> } = {},
  ) {
    const response = await fetch(`${base}/requests.${options.format ?? 'json'}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', ...options.headers },
      body: new URLSearchParams(fields).toString(),
    });
    return { response, text: await response.text() };
  }

  const lampRequest = (extra: Record<string, string> = {}) => ({
    api_key: API_KEY,
    jurisdiction_id: 'haikou.gov.cn',
    service_code: '010101',
    lat: '20.02',
    long: '110.29',
    address_string: '海口市秀英区长滨路与永庄路交叉口',
    email: 'citizen@example.cn',
    first_name: '小明',
    last_name: '王',
    phone: '13800000000',
    description: `路灯不亮 <三天> & 无人修 ${Date.now()}`,
    media_url: 'https://img.example.cn/lamp.jpg',
    ...extra,
  });

  async function getJson<T>(path: string): Promise<{ status: number; body: T; type: string | null }> {
    const response = await fetch(`${base}${path}`);
    return { status: response.status, body: (await response.json()) as T, type: response.headers.get('content-type') };
  }

  beforeAll(async () => {
    zs = await startZhongshu({
      env: { OPEN311_API_KEYS: API_KEY, HOTLINE_PARTNER_KEYS: 'p1:00112233445566778899aabbccddeeff' },
    });
    base = `${zs.url}/open311/v2`;
  });
  afterAll(async () => {
    await zs?.stop();
  });

  it('lists our ticket catalogue as services, in JSON and XML', async () => {
    const { status, body, type } = await getJson<Array<Record<string, unknown>>>('/services.json');
    expect(status).toBe(200);
    expect(type).toBe('application/json; charset=utf-8');
    expect(body.length).toBeGreaterThanOrEqual(36);
    expect(body.find((service) => service.service_code === '010101')).toEqual({
      service_code: '010101',
      service_name: '路灯不亮',
      description: '城乡建设/市政设施/路灯不亮',
      metadata: false,
      type: 'realtime',
      keywords: '路灯不亮,市政设施,城乡建设',
      group: '城乡建设',
    });
    const xml = await fetch(`${base}/services.xml`);
    expect(xml.headers.get('content-type')).toBe('text/xml; charset=utf-8');
    const text = await xml.text();
    expect(text.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<services>\n  <service>')).toBe(true);
    expect(text.match(/<service>/g)).toHaveLength(body.length);
    expect(text).toContain('<service_code>010101</service_code>');
  });

  it('describes one service and answers an unknown one with the spec’s 404 error array', async () => {
    expect((await getJson('/services/010101.json')).body).toEqual({ service_code: '010101', attributes: [] });
    const missing = await getJson<ErrorItem[]>('/services/999999.json');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual([{ code: 404, description: 'service_code 999999 was not found' }]);
    const xml = await fetch(`${base}/services/999999.xml`);
    expect(xml.status).toBe(404);
    expect(await xml.text()).toContain('<errors>\n  <error>\n    <code>404</code>');
  });

  it('files a request, reads it back in JSON and XML, and shows it among hotline events', async () => {
    const sent = lampRequest();
    const { response, text } = await file(sent);
    expect(response.status).toBe(200);
    const receipts = JSON.parse(text) as Receipt[];
    expect(receipts).toHaveLength(1);
    const [{ service_request_id: id, service_notice, account_id }] = receipts;
    expect(id).toMatch(/^ZS311-[0-9A-Z]{16}$/);
    expect(service_notice).toBeTruthy();
    expect(account_id).toBeNull();

    const one = await getJson<Record311[]>(`/requests/${id}.json`);
    expect(one.status).toBe(200);
    expect(one.body).toEqual([
      expect.objectContaining({
        service_request_id: id,
        status: 'open',
        status_notes: '已受理',
        service_name: '路灯不亮',
        service_code: '010101',
        description: sent.description,
        address: sent.address_string,
        lat: 20.02,
        long: 110.29,
        media_url: sent.media_url,
        address_id: null,
        expected_datetime: null,
      }),
    ]);
    expect(one.body[0].requested_datetime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/);

    const xml = await fetch(`${base}/requests/${id}.xml`);
    expect(xml.headers.get('content-type')).toBe('text/xml; charset=utf-8');
    const xmlText = await xml.text();
    expect(xmlText).toContain(`<service_requests>\n  <request>\n    <service_request_id>${id}</service_request_id>`);
    expect(xmlText).toContain('<status>open</status>');
    expect(xmlText).toContain(`<description>路灯不亮 &lt;三天&gt; &amp; 无人修`);
    expect(xmlText).toContain('<zipcode/>');

    const events = await fetch(`${zs.url}/api/v1/events?source=hotline&limit=1000`).then(
      (r) => r.json() as Promise<CityEvent[]>,
    );
    const event = events.find((e) => e.id === `open311:${id}:accepted`);
    expect(event).toMatchObject({
      source: '/open311',
      type: 'cn.zhongshu.hotline.ticket.v1',
      category: '010101',
      location: { crs: 'WGS84' },
      data: { ticketNo: id, status: 'accepted', caller: { name: '王小明', phone: '13800000000' } },
    });
    expect(event?.region?.town?.name).toBeTruthy();
    expect(JSON.stringify(event)).not.toContain('citizen@example.cn');
  });

  it('finds requests by id list, service_code, status and date window, paged', async () => {
    const ids: string[] = [];
    for (const code of ['010102', '010102', '020101']) {
      const { text } = await file(lampRequest({ service_code: code }));
      ids.push((JSON.parse(text) as Receipt[])[0].service_request_id);
    }
    const byIds = await getJson<Record311[]>(`/requests.json?service_request_id=${ids[0]},${ids[2]},ZS311-NOPE`);
    expect(byIds.body.map((r) => r.service_request_id).sort()).toEqual([ids[0], ids[2]].sort());

    const byCode = await getJson<Record311[]>('/requests.json?service_code=010102&status=open');
    expect(byCode.body.map((r) => r.service_request_id)).toEqual(expect.arrayContaining([ids[0], ids[1]]));
    expect(byCode.body.every((r) => r.service_code === '010102')).toBe(true);

    const paged = await getJson<Record311[]>('/requests.json?service_code=010102,020101&page=1&page_size=2');
    expect(paged.body).toHaveLength(2);
    expect(paged.body[0].service_request_id).toBe(ids[2]); // newest first

    const start = new Date(Date.now() - 3600_000).toISOString();
    const end = new Date(Date.now() + 60_000).toISOString();
    const windowed = await getJson<Record311[]>(`/requests.json?start_date=${start}&end_date=${end}&status=closed`);
    expect(windowed.body.map((r) => r.service_request_id)).not.toContain(ids[0]);

    const xml = await fetch(`${base}/requests.xml?service_request_id=${ids[1]}`).then((r) => r.text());
    expect(xml.match(/<request>/g)).toHaveLength(1);

    const bad = await getJson<ErrorItem[]>('/requests.json?status=pending&start_date=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body.map((e) => e.code)).toEqual([400, 400]);
  });

  it('reads a status change back: a later closed event closes the request', async () => {
    const { text } = await file(lampRequest());
    const id = (JSON.parse(text) as Receipt[])[0].service_request_id;
    const [filed] = await fetch(`${zs.url}/api/v1/events?source=hotline&limit=1000`)
      .then((r) => r.json() as Promise<CityEvent[]>)
      .then((events) => events.filter((e) => e.id === `open311:${id}:accepted`));
    const closedAt = new Date(Date.now() + 1000).toISOString();
    const closed = { ...filed, id: `open311:${id}:closed`, time: closedAt, data: { ...filed.data, status: 'closed' } };
    expect((await postEvents(zs.url, [closed])).body.items[0].status).toBe('stored');

    const [record] = (await getJson<Record311[]>(`/requests/${id}.json`)).body;
    expect(record).toMatchObject({ status: 'closed', status_notes: '已办结' });
    expect(Date.parse(record.updated_datetime as string)).toBeGreaterThan(
      Date.parse(record.requested_datetime as string),
    );
    const closedOnes = await getJson<Record311[]>('/requests.json?status=closed');
    expect(closedOnes.body.map((r) => r.service_request_id)).toContain(id);
  });

  it('refuses a wrong or missing api_key with 403 and the spec’s error array, and keeps a redacted dead letter', async () => {
    const wrong = await file(lampRequest({ api_key: 'k2-wrong' }));
    expect(wrong.response.status).toBe(403);
    expect(JSON.parse(wrong.text)).toEqual([
      { code: 403, description: "Invalid api_key received -- can't proceed with create_request." },
    ]);
    const xml = await file(lampRequest({ api_key: 'k2-wrong' }), { format: 'xml' });
    expect(xml.response.status).toBe(403);
    expect(xml.text).toContain('<errors>\n  <error>\n    <code>403</code>');
    const { api_key: _omit, ...withoutKey } = lampRequest();
    const missing = await file(withoutKey);
    expect(missing.response.status).toBe(403);
    expect(JSON.parse(missing.text)).toEqual([{ code: 403, description: 'api_key was not provided' }]);

    const letters = (await fetch(`${zs.url}/api/v1/dead-letters?limit=50`, { headers: await opsHeaders(zs) }).then(
      (r) => r.json(),
    )) as Array<{
      origin: string;
      reason: string;
      raw: string;
    }>;
    const refused = letters.filter((l) => l.origin === 'http:/open311/v2/requests' && l.reason.includes('(403)'));
    expect(refused).toHaveLength(3);
    expect(refused.filter((l) => l.raw.includes('api_key=[redacted]'))).toHaveLength(2);
    expect(refused.every((l) => !l.raw.includes('k2-wrong') && l.raw.includes('service_code=010101'))).toBe(true);
  });

  it('answers invalid requests with 400 (every problem listed) and unknown services with 404', async () => {
    const { lat: _lat, long: _long, address_string: _address, ...nowhere } = lampRequest();
    const noLocation = await file(nowhere);
    expect(noLocation.response.status).toBe(400);
    expect(JSON.parse(noLocation.text)).toEqual([
      { code: 400, description: 'lat: a location is required: lat & long, address_string or address_id' },
    ]);
    const several = await file(lampRequest({ email: 'nope', media_url: 'ftp://x' }));
    expect(several.response.status).toBe(400);
    expect((JSON.parse(several.text) as ErrorItem[]).length).toBe(2);
    const unknown = await file(lampRequest({ service_code: '999999' }));
    expect(unknown.response.status).toBe(404);
    const json = await fetch(`${base}/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(lampRequest()),
    });
    expect(json.status).toBe(400);
    expect(await json.text()).toContain('application/x-www-form-urlencoded');
  });

  it('honours Idempotency-Key: a retried POST returns the same id and is stored once', async () => {
    const key = `retry-${process.pid}-${Date.now()}`;
    const fields = lampRequest();
    const first = await file(fields, { headers: { 'Idempotency-Key': key } });
    const again = await file(fields, { headers: { 'Idempotency-Key': key }, format: 'xml' });
    const id = (JSON.parse(first.text) as Receipt[])[0].service_request_id;
    expect(first.response.headers.get('idempotent-replayed')).toBeNull();
    expect(again.response.status).toBe(200);
    expect(again.response.headers.get('idempotent-replayed')).toBe('true');
    expect(again.text).toContain(`<service_request_id>${id}</service_request_id>`);
    const other = await file(fields);
    expect((JSON.parse(other.text) as Receipt[])[0].service_request_id).not.toBe(id);

    const events = await fetch(`${zs.url}/api/v1/events?source=hotline&limit=1000`).then(
      (r) => r.json() as Promise<CityEvent[]>,
    );
    expect(events.filter((e) => e.subject === id)).toHaveLength(1);
  });

  it('answers an unknown request id and an unknown format with 404 in the spec’s format', async () => {
    const json = await getJson<ErrorItem[]>('/requests/ZS311-NOSUCHREQUEST000.json');
    expect(json.status).toBe(404);
    expect(json.body).toEqual([{ code: 404, description: 'service_request_id ZS311-NOSUCHREQUEST000 was not found' }]);
    const xml = await fetch(`${base}/requests/ZS311-NOSUCHREQUEST000.xml`);
    expect(xml.status).toBe(404);
    expect(await xml.text()).toContain(
      '<description>service_request_id ZS311-NOSUCHREQUEST000 was not found</description>',
    );
    const html = await getJson<ErrorItem[]>('/services.html');
    expect(html.status).toBe(404);
    expect(html.body[0].code).toBe(404);
  });

  it('reports its counters in /api/health and refuses to replay a refused POST', async () => {
    const health = (await fetch(`${zs.url}/api/health`).then((r) => r.json())) as {
      adapters: Array<{ adapter: string; received: number; accepted: number; rejected: number; duplicates: number }>;
    };
    const open311 = health.adapters.find((a) => a.adapter === 'open311');
    expect(open311?.accepted).toBeGreaterThanOrEqual(6);
    expect(open311?.duplicates).toBeGreaterThanOrEqual(1);
    expect(open311?.rejected).toBeGreaterThanOrEqual(6);

    const letters = (await fetch(`${zs.url}/api/v1/dead-letters?limit=100`, { headers: await opsHeaders(zs) }).then(
      (r) => r.json(),
    )) as Array<{
      id: string;
      origin: string;
    }>;
    const letter = letters.find((l) => l.origin === 'http:/open311/v2/requests');
    const replay = (await fetch(`${zs.url}/api/v1/dead-letters/${letter!.id}/replay`, {
      method: 'POST',
      headers: await opsHeaders(zs),
    }).then((r) => r.json())) as { outcome: string; items: Array<{ reason?: string }> };
    expect(replay.outcome).toBe('rejected');
    expect(replay.items[0].reason).toMatch(/submits again/);
  });
});
