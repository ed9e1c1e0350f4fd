import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CityEvent } from '@zhongshu/stream';
import { opsHeaders } from './support/auth';
import { startZhongshu, type ZhongshuProcess } from './support/zhongshu-process';

/**
 * The push endpoints of the urban, safety and approvals platforms, against the real built server
 * (chDB, pipeline, exception filter). Speaks as the platforms do: their JSON, not CityEvents.
 */

const RUN = `${process.pid}${Date.now().toString(36)}`.toUpperCase();
const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();

const urbanCase = (n: number, overrides: Record<string, unknown> = {}) => ({
  caseNo: `CG${RUN}${String(n).padStart(4, '0')}`,
  classType: '部件',
  classCode: '0103',
  className: '雨水井盖',
  gridCode: '460105001001',
  reporterType: 'video_ai',
  stage: 'register',
  description: '视频AI识别：海秀西路88号附近雨水井盖缺失，存在安全隐患。',
  address: '海口市秀英区海秀西路88号',
  lng: 110.2712,
  lat: 20.0301,
  occurredAt: at(30),
  stageAt: at(20),
  ...overrides,
});

const alarm = (n: number, overrides: Record<string, unknown> = {}) => ({
  alarmId: `GJ${RUN}${String(n).padStart(4, '0')}`,
  alarmType: 'gas',
  alarmName: '可燃气体泄漏',
  level: 4,
  description: '永庄路18号餐饮店可燃气体浓度超标',
  address: '海口市秀英区永庄路18号',
  deviceId: '460105-GS-003',
  lng: 110.2883,
  lat: 20.0197,
  raisedAt: at(10),
  ...overrides,
});

const approvalCase = {
  kind: 'case',
  caseNo: `SP${RUN}0001`,
  itemName: '食品经营许可（新办）',
  department: '区市场监管局',
  stage: '受理',
  statutoryDays: 20,
  committedDays: 5,
  onlineAvailable: true,
  applicantType: '企业',
  at: at(15),
};
const hallCall = {
  kind: 'queue',
  hallId: `HALL-${RUN}`,
  action: '叫号',
  ticketNo: 'A012',
  windowNo: '07',
  windowState: '正在办理',
  businessType: '综合受理',
  waitingCount: 12,
  waitSeconds: 480,
  at: at(5),
};
const hallRating = {
  kind: 'evaluation',
  hallId: `HALL-${RUN}`,
  windowNo: '07',
  rating: 2,
  channel: '评价器',
  comment: '等候时间太长，只开了一个窗口',
  at: at(4),
};

interface Report {
  errors: boolean;
  stored: number;
  duplicates: number;
  rejected: number;
  items: Array<{ index: number; status: string; id?: string; reason?: string }>;
  error?: { code: string };
}
interface Letter {
  id: string;
  origin: string;
  reason: string;
  raw: string;
}

async function push(zs: ZhongshuProcess, source: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${zs.url}/api/v1/ingest/${source}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Report };
}

const events = (zs: ZhongshuProcess, source: string) =>
  fetch(`${zs.url}/api/v1/events?source=${source}&limit=1000`).then((r) => r.json() as Promise<CityEvent[]>);
const letters = async (zs: ZhongshuProcess) =>
  fetch(`${zs.url}/api/v1/dead-letters?limit=200`, { headers: await opsHeaders(zs) }).then(
    (r) => r.json() as Promise<Letter[]>,
  );

describe('push adapters over HTTP (real process, chDB)', () => {
  let zs: ZhongshuProcess;

  beforeAll(async () => {
    // The smallest pipeline the config allows, so one large request saturates it.
    zs = await startZhongshu({ env: { PIPELINE_CAPACITY: '1000' } });
  });
  afterAll(async () => {
    await zs?.stop();
  });

  it('urban: stores case updates, dead-letters the invalid one with its reason, stores a redelivery once', async () => {
    const good = urbanCase(1);
    const bad = urbanCase(2, { classCode: '103' });
    const { status, body } = await push(zs, 'urban', [good, bad, good]);
    expect(status).toBe(200);
    expect(body.items.map((item) => item.status)).toEqual(['stored', 'rejected', 'duplicate']);
    expect(body.items[0]?.id).toBe(`urban:${good.caseNo}:register`);
    expect(body.items[1]?.reason).toMatch(/classCode/);

    const redelivered = await push(zs, 'urban', good);
    expect(redelivered.body.items).toEqual([{ index: 0, id: `urban:${good.caseNo}:register`, status: 'duplicate' }]);
    const dispatched = await push(zs, 'urban', { ...good, stage: '派遣', department: '区住建局', stageAt: at(1) });
    expect(dispatched.body.items[0]?.status).toBe('stored');

    const stored = (await events(zs, 'urban')).filter((event) => event.subject === good.caseNo);
    expect(stored.map((event) => event.id).sort()).toEqual([
      `urban:${good.caseNo}:dispatch`,
      `urban:${good.caseNo}:register`,
    ]);
    const registered = stored.find((event) => event.id.endsWith(':register'));
    expect(registered).toMatchObject({
      type: 'cn.zhongshu.urban.case.v1',
      category: 'component.0103',
      severity: 'minor',
    });
    expect(registered?.region?.code).toBe('460105');
    expect(registered?.region?.town?.name).toBeTruthy();
    expect(registered?.data).toMatchObject({ gridCode: '460105001001', classType: 'component' });

    const letter = (await letters(zs)).find((l) => l.raw.includes(bad.caseNo));
    expect(letter).toMatchObject({
      origin: 'http:/api/v1/ingest/urban',
      reason: expect.stringMatching(/classCode/) as unknown,
    });
    expect(JSON.parse(letter?.raw ?? '{}')).toEqual(bad);
  });

  it('safety: one object per request, each status its own event, redelivery duplicate, bad level dead-lettered', async () => {
    const raised = alarm(1);
    expect((await push(zs, 'safety', raised)).body).toMatchObject({ stored: 1, items: [{ status: 'stored' }] });
    const cleared = { ...raised, status: '已消除', updatedAt: at(2) };
    expect((await push(zs, 'safety', cleared)).body.items[0]).toMatchObject({
      status: 'stored',
      id: `safety:${raised.alarmId}:cleared`,
    });
    expect((await push(zs, 'safety', raised)).body.items[0]?.status).toBe('duplicate');
    const bad = alarm(2, { level: 9 });
    const rejected = await push(zs, 'safety', bad);
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({
      errors: true,
      rejected: 1,
      items: [{ reason: expect.stringMatching(/^level: /) as unknown }],
    });

    const stored = (await events(zs, 'safety')).filter((event) => event.subject === raised.alarmId);
    expect(stored.map((event) => [event.id, event.severity, event.category]).sort()).toEqual([
      [`safety:${raised.alarmId}:cleared`, 'critical', 'gas.leak'],
      [`safety:${raised.alarmId}:raised`, 'critical', 'gas.leak'],
    ]);
    const letter = (await letters(zs)).find((l) => l.raw.includes(bad.alarmId));
    expect(letter).toMatchObject({
      origin: 'http:/api/v1/ingest/safety',
      reason: expect.stringMatching(/^level: /) as unknown,
    });
  });

  it('approvals: case, queue and 好差评 in one request by kind; invalid kind dead-lettered; redelivery duplicate', async () => {
    const badQueue = { ...hallCall, ticketNo: undefined, at: at(3) };
    const { body } = await push(zs, 'approvals', [approvalCase, hallCall, hallRating, badQueue]);
    expect(body.items.map((item) => item.status)).toEqual(['stored', 'stored', 'stored', 'rejected']);
    expect(body.items[3]?.reason).toBe('ticketNo: required for call');
    const again = await push(zs, 'approvals', [hallRating, approvalCase]);
    expect(again.body.items.map((item) => item.status)).toEqual(['duplicate', 'duplicate']);

    const cases = (await events(zs, 'approval')).filter((event) => event.subject === approvalCase.caseNo);
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({
      id: `approval:${approvalCase.caseNo}:accept`,
      category: '食品经营许可（新办）',
      data: { stage: 'accept', statutoryDays: 20, committedDays: 5, applicantType: 'enterprise' },
    });
    const hall = (await events(zs, 'hall')).filter(
      (event) => (event.data as { hallId?: string }).hallId === hallCall.hallId,
    );
    expect(hall.map((event) => event.type).sort()).toEqual([
      'cn.zhongshu.hall.evaluation.v1',
      'cn.zhongshu.hall.queue.v1',
    ]);
    expect(hall.find((event) => event.type === 'cn.zhongshu.hall.evaluation.v1')).toMatchObject({
      severity: 'minor',
      category: 'evaluation.bad',
    });
    const letter = (await letters(zs)).find((l) => l.origin === 'http:/api/v1/ingest/approvals');
    expect(letter?.reason).toBe('ticketNo: required for call');
  });

  it('NDJSON: a broken line is rejected and kept on its own; a body that is not JSON is a 400 and kept', async () => {
    const a = urbanCase(10);
    const b = urbanCase(11);
    const response = await fetch(`${zs.url}/api/v1/ingest/urban`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-ndjson' },
      body: `${JSON.stringify(a)}\n{not json ${RUN}\n${JSON.stringify(b)}\n`,
    });
    const body = (await response.json()) as Report;
    expect(body.items.map((item) => item.status)).toEqual(['stored', 'rejected', 'stored']);
    expect(body.items[1]?.reason).toMatch(/invalid JSON/);

    const broken = await push(zs, 'safety', `{"alarmId": "${RUN}`);
    expect(broken.status).toBe(400);
    expect(broken.body.error).toMatchObject({ code: 'INVALID_REQUEST' });
    const kept = await letters(zs);
    expect(kept.find((l) => l.raw === `{not json ${RUN}`)?.origin).toBe('http:/api/v1/ingest/urban');
    expect(kept.find((l) => l.raw === `{"alarmId": "${RUN}`)?.origin).toBe('http:/api/v1/ingest/safety');
  });

  it('replays an adapter dead letter through its own adapter, not as a CityEvent', async () => {
    const bad = urbanCase(20, { reporterType: '路人' });
    await push(zs, 'urban', bad);
    const letter = (await letters(zs)).find((l) => l.raw.includes(bad.caseNo));
    const replay = await fetch(`${zs.url}/api/v1/dead-letters/${letter?.id}/replay`, {
      method: 'POST',
      headers: await opsHeaders(zs),
    });
    expect(replay.status).toBe(200);
    expect(await replay.json()).toMatchObject({
      outcome: 'rejected',
      items: [{ status: 'rejected', reason: expect.stringMatching(/^reporterType: /) as unknown }],
    });
  });

  it('answers 503 with Retry-After when the pipeline is saturated, and keeps nothing of that request', async () => {
    const flood = Array.from({ length: 1001 }, (_, i) => urbanCase(1000 + i));
    flood.push(urbanCase(9999, { classCode: 'bad' }));
    const { status, headers, body } = await push(zs, 'urban', flood);
    expect(status).toBe(503);
    expect(Number(headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(body.error).toMatchObject({ code: 'PIPELINE_SATURATED' });
    const subjects = new Set((await events(zs, 'urban')).map((event) => event.subject));
    expect(flood.some((item) => subjects.has(item.caseNo))).toBe(false);
    expect((await letters(zs)).some((l) => l.raw.includes(urbanCase(9999).caseNo))).toBe(false);

    // The platform retries a smaller batch later: accepted.
    const retried = await push(zs, 'urban', flood.slice(0, 10));
    expect(retried.body).toMatchObject({ stored: 10 });
  });

  it('reports the three adapters in /api/health with their counters', async () => {
    const health = (await fetch(`${zs.url}/api/health`).then((r) => r.json())) as {
      adapters: Array<{ adapter: string; accepted: number; rejected: number; duplicates: number }>;
    };
    const byName = new Map(health.adapters.map((stats) => [stats.adapter, stats]));
    expect(byName.get('urban')).toMatchObject({ accepted: expect.any(Number) as unknown });
    expect(byName.get('urban')?.accepted).toBeGreaterThanOrEqual(14);
    expect(byName.get('safety')?.duplicates).toBeGreaterThanOrEqual(1);
    expect(byName.get('approvals')?.rejected).toBeGreaterThanOrEqual(1);
  });
});

describe('push adapters with INGEST_TOKENS set (needs INGEST_TOKENS in the config schema)', () => {
  let zs: ZhongshuProcess;

  beforeAll(async () => {
    zs = await startZhongshu({ env: { INGEST_TOKENS: 'tok-urban-platform,tok-security-platform' } });
  });
  afterAll(async () => {
    await zs?.stop();
  });

  it('refuses a push without a known bearer token with 401; only the push endpoints need it', async () => {
    const refused = await push(zs, 'safety', alarm(100));
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(refused.body.error).toMatchObject({ code: 'UNAUTHORIZED' });
    expect((await push(zs, 'safety', alarm(100), { authorization: 'Bearer wrong' })).status).toBe(401);
    const accepted = await push(zs, 'safety', alarm(100), { authorization: 'Bearer tok-security-platform' });
    expect(accepted.status).toBe(200);
    expect(accepted.body.stored).toBe(1);
    // Only the push endpoints are behind the ingest token.
    expect((await fetch(`${zs.url}/api/v1/events?limit=1`)).status).toBe(200);
  });
});
