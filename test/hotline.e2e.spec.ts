import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CityEvent } from '@zhongshu/stream';
import { opsHeaders } from './support/auth';
import { startZhongshu, type ZhongshuProcess } from './support/zhongshu-process';

const PARTNER = 'p1';
const KEY_HEX = '00112233445566778899aabbccddeeff';

/**
 * The platform side, signed with OpenSSL's HMAC-SM3 (node:crypto) rather than our own code, so the
 * server is checked against an independent implementation of GM/T 0042-2015.
 */
function sign(timestamp: string, body: string, keyHex = KEY_HEX): string {
  return createHmac('sm3', Buffer.from(keyHex, 'hex')).update(`${timestamp}\n${body}`, 'utf8').digest('hex');
}

interface ItemResult {
  index: number;
  id?: string;
  status: 'stored' | 'duplicate' | 'rejected';
  reason?: string;
}
interface IngestBody {
  errors: boolean;
  stored: number;
  duplicates: number;
  rejected: number;
  items: ItemResult[];
  error?: { code: string; message: string; messageZh: string };
}

let counter = 0;
/** A 12345 工单 as an AMap-based platform pushes it: Chinese labels, Beijing local time, GCJ-02. */
function ticket(overrides: Record<string, unknown> = {}) {
  counter += 1;
  return {
    ticketNo: `RX-E2E-${process.pid}-${Date.now()}-${counter}`,
    acceptedAt: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' '),
    channel: '电话',
    kind: '投诉',
    categoryCode: '020101',
    title: '长滨路工地夜间施工噪音扰民',
    content: '来电人反映：长滨路128号附近工地每晚施工到凌晨，噪音很大。',
    address: '海口市秀英区长流镇长滨路128号附近',
    // GCJ-02 of WGS-84 110.29, 20.02 (秀英街道).
    lng: 110.294287,
    lat: 20.017891,
    crs: 'GCJ-02',
    caller: { name: '王先生', phone: '138****1234' },
    needsHandling: true,
    status: '已受理',
    ...overrides,
  };
}

describe('12345 hotline push (real process, HMAC-SM3)', () => {
  let zs: ZhongshuProcess;

  async function push(
    body: string,
    headers: { partner?: string; timestamp?: string; signature?: string; contentType?: string } = {},
  ): Promise<{ status: number; body: IngestBody; headers: Headers }> {
    const timestamp = headers.timestamp ?? String(Math.floor(Date.now() / 1000));
    const response = await fetch(`${zs.url}/api/v1/ingest/hotline`, {
      method: 'POST',
      headers: {
        'content-type': headers.contentType ?? 'application/json; charset=utf-8',
        'x-zs-partner': headers.partner ?? PARTNER,
        'x-zs-timestamp': timestamp,
        'x-zs-signature': headers.signature ?? sign(timestamp, body),
      },
      body,
    });
    return { status: response.status, body: (await response.json()) as IngestBody, headers: response.headers };
  }

  const hotlineEvents = () =>
    fetch(`${zs.url}/api/v1/events?source=hotline&limit=1000`).then((r) => r.json() as Promise<CityEvent[]>);
  const deadLetters = async () =>
    fetch(`${zs.url}/api/v1/dead-letters?limit=100`, { headers: await opsHeaders(zs) }).then(
      (r) => r.json() as Promise<Array<{ id: string; origin: string; reason: string; raw: string }>>,
    );
  const replay = async (id: string) =>
    fetch(`${zs.url}/api/v1/dead-letters/${id}/replay`, { method: 'POST', headers: await opsHeaders(zs) }).then(
      (r) => r.json() as Promise<{ outcome: string; items: ItemResult[] }>,
    );

  beforeAll(async () => {
    zs = await startZhongshu({
      env: { OPEN311_API_KEYS: 'k1', HOTLINE_PARTNER_KEYS: `${PARTNER}:${KEY_HEX},p2:${'ab'.repeat(16)}` },
    });
  });
  afterAll(async () => {
    await zs?.stop();
  });

  it('stores a signed push as a hotline event with a deterministic id', async () => {
    const sent = ticket();
    const { status, body } = await push(JSON.stringify(sent));
    expect(status).toBe(200);
    const id = `hotline:${PARTNER}:${sent.ticketNo}:accepted`;
    expect(body).toMatchObject({
      errors: false,
      stored: 1,
      duplicates: 0,
      rejected: 0,
      items: [{ index: 0, id, status: 'stored' }],
    });

    const event = (await hotlineEvents()).find((e) => e.id === id);
    expect(event).toMatchObject({
      source: `/hotline/${PARTNER}`,
      subject: sent.ticketNo,
      category: '020101',
      location: { lng: 110.294287, lat: 20.017891, crs: 'GCJ02' },
      data: { channel: 'phone', kind: 'complaint', status: 'accepted', categoryName: '环境保护/噪声污染/夜间施工噪音' },
    });
    expect(event?.region?.town?.name).toBe('秀英街道');
  });

  it('stores a replayed push once (duplicate) and a status change as a new event', async () => {
    const sent = ticket();
    const body = JSON.stringify([sent]);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = sign(timestamp, body);
    const first = await push(body, { timestamp, signature });
    const replay = await push(body, { timestamp, signature });
    expect(first.body.items[0].status).toBe('stored');
    expect(replay.status).toBe(200);
    expect(replay.body).toMatchObject({ stored: 0, duplicates: 1, items: [{ status: 'duplicate' }] });

    const closed = await push(JSON.stringify({ ...sent, status: '已办结', updatedAt: new Date().toISOString() }));
    expect(closed.body.items[0]).toMatchObject({ status: 'stored', id: `hotline:${PARTNER}:${sent.ticketNo}:closed` });

    const events = (await hotlineEvents()).filter((e) => e.subject === sent.ticketNo);
    expect(events.map((e) => e.id).sort()).toEqual([
      `hotline:${PARTNER}:${sent.ticketNo}:accepted`,
      `hotline:${PARTNER}:${sent.ticketNo}:closed`,
    ]);
  });

  it('answers a batch per item and dead-letters the invalid ticket alone', async () => {
    const good = ticket();
    const bad = ticket({ channel: '传真', categoryCode: '12' });
    const { status, body } = await push(JSON.stringify([good, bad]));
    expect(status).toBe(200);
    expect(body).toMatchObject({ errors: true, stored: 1, rejected: 1 });
    expect(body.items[1]).toMatchObject({ index: 1, status: 'rejected' });
    expect(body.items[1].reason).toMatch(/channel: unknown channel "传真"/);
    expect(body.items[1].reason).toMatch(/categoryCode/);
    const letter = (await deadLetters()).find((l) => l.raw.includes(bad.ticketNo));
    expect(letter).toMatchObject({ origin: `http:/api/v1/ingest/hotline/${PARTNER}` });
    expect(letter?.reason).toMatch(/item 1: .*channel/);
    expect(JSON.parse(letter?.raw ?? '{}')).toEqual(bad);
  });

  it('refuses a bad signature with 401 and keeps the request as a dead letter', async () => {
    const sent = ticket();
    const body = JSON.stringify(sent);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const {
      status,
      body: answer,
      headers,
    } = await push(body, {
      timestamp,
      signature: sign(timestamp, body, 'ab'.repeat(16)),
    });
    expect(status).toBe(401);
    expect(answer.error).toMatchObject({ code: 'HOTLINE_BAD_SIGNATURE', messageZh: '签名校验失败' });
    expect(answer.error?.message).toMatch(/signature does not match/);
    expect(headers.get('www-authenticate')).toMatch(/HMAC-SM3/);
    const letter = (await deadLetters()).find((l) => l.raw.includes(sent.ticketNo));
    expect(letter).toMatchObject({ origin: 'http:/api/v1/ingest/hotline', raw: body });
    expect(letter?.reason).toMatch(/bad_signature/);
    expect((await hotlineEvents()).some((e) => e.subject === sent.ticketNo)).toBe(false);
  });

  it('refuses a tampered body, a stale or future timestamp, an unknown partner and missing headers', async () => {
    const body = JSON.stringify(ticket());
    const now = Math.floor(Date.now() / 1000);
    const tampered = await push(body.replace('噪音很大', '噪音不大'), {
      timestamp: String(now),
      signature: sign(String(now), body),
    });
    expect(tampered.body.error?.code).toBe('HOTLINE_BAD_SIGNATURE');
    const stale = await push(body, { timestamp: String(now - 600) });
    expect(stale.status).toBe(401);
    expect(stale.body.error?.code).toBe('HOTLINE_STALE_TIMESTAMP');
    // Well past the window: the clock moves on while the test runs (the edges are unit-tested).
    const future = await push(body, { timestamp: String(now + 600) });
    expect(future.body.error?.code).toBe('HOTLINE_FUTURE_TIMESTAMP');
    const stranger = await push(body, { partner: 'p9' });
    expect(stranger.status).toBe(401);
    expect(stranger.body.error?.code).toBe('HOTLINE_UNKNOWN_PARTNER');
    const unsigned = await fetch(`${zs.url}/api/v1/ingest/hotline`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(unsigned.status).toBe(401);
    expect(((await unsigned.json()) as IngestBody).error?.code).toBe('HOTLINE_SIGNATURE_MISSING');
    const reasons = (await deadLetters())
      .filter((l) => l.origin === 'http:/api/v1/ingest/hotline')
      .map((l) => l.reason);
    for (const reason of ['stale_timestamp', 'future_timestamp', 'unknown_partner', 'missing_headers']) {
      expect(reasons.some((r) => r.includes(reason))).toBe(true);
    }
  });

  it('keeps partners apart: the same ticket number from two partners is two events', async () => {
    const sent = ticket();
    const body = JSON.stringify(sent);
    const timestamp = String(Math.floor(Date.now() / 1000));
    await push(body, { timestamp });
    const other = await push(body, { partner: 'p2', timestamp, signature: sign(timestamp, body, 'ab'.repeat(16)) });
    expect(other.body.items[0]).toMatchObject({ status: 'stored', id: `hotline:p2:${sent.ticketNo}:accepted` });
  });

  it('answers a signed body that is not JSON with 400 and a dead letter, and a non-JSON content type with 415', async () => {
    const broken = '[{"ticketNo": ';
    const { status, body } = await push(broken);
    expect(status).toBe(400);
    expect(body.error?.code).toBe('INVALID_REQUEST');
    expect((await deadLetters()).some((l) => l.raw === broken && l.reason.includes('not JSON'))).toBe(true);
    const form = await fetch(`${zs.url}/api/v1/ingest/hotline`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a=1',
    });
    expect(form.status).toBe(415);
  });

  it('replays a partner’s dead-lettered ticket, never a request whose signature failed', async () => {
    const bad = ticket({ kind: '点赞' });
    await push(JSON.stringify(bad));
    const itemLetter = (await deadLetters()).find((l) => l.raw.includes(bad.ticketNo));
    const stillInvalid = await replay(itemLetter!.id);
    expect(stillInvalid.outcome).toBe('rejected');
    expect(stillInvalid.items[0].reason).toMatch(/kind/);

    const unsigned = ticket();
    const timestamp = String(Math.floor(Date.now() / 1000));
    await push(JSON.stringify(unsigned), { timestamp, signature: sign(timestamp, 'other body') });
    const signatureLetter = (await deadLetters()).find((l) => l.raw.includes(unsigned.ticketNo));
    const refused = await replay(signatureLetter!.id);
    expect(refused.outcome).toBe('rejected');
    expect(refused.items[0].reason).toMatch(/signature was refused/);
    expect((await hotlineEvents()).some((e) => e.subject === unsigned.ticketNo)).toBe(false);
  });

  it('reports its counters in /api/health', async () => {
    const health = (await fetch(`${zs.url}/api/health`).then((r) => r.json())) as {
      adapters: Array<{ adapter: string; received: number; accepted: number; rejected: number; duplicates: number }>;
    };
    const hotline = health.adapters.find((a) => a.adapter === 'hotline');
    expect(hotline?.accepted).toBeGreaterThanOrEqual(5);
    expect(hotline?.duplicates).toBeGreaterThanOrEqual(1);
    expect(hotline?.rejected).toBeGreaterThanOrEqual(5);
    expect(health.adapters.map((a) => a.adapter)).toContain('open311');
  });
});
