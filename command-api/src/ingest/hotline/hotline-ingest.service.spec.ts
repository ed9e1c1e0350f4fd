import { BackpressureError, type DeadLetter, type ItemResult } from '@zhongshu/stream';
import { describe, expect, it, vi } from 'vitest';
import { parseHotlinePartnerKeys, signHotlinePush } from '@zhongshu/adapters';
import { ApiError } from '../../http/api-error';
import type { Runtime } from '../../runtime';
import { HOTLINE_ORIGIN, HotlineIngestService, hotlineIngestProvider } from './hotline-ingest.service';

const KEY = '00112233445566778899aabbccddeeff';
const NOW = 1_795_747_200_000;
const TS = String(NOW / 1000);

const ticket = (ticketNo: string) => ({
  ticketNo,
  acceptedAt: '2026-11-21 09:15:32',
  channel: 'phone',
  kind: 'help',
  categoryCode: '010101',
  title: '路灯不亮',
  content: '路灯不亮已三天',
  address: '长滨路',
  needsHandling: true,
});

function setup(submit: (raws: readonly unknown[]) => Promise<ItemResult[]>) {
  const pipeline = {
    submit: vi.fn((raws: readonly unknown[], _origin: string) => submit(raws)),
    deadLetter: vi.fn(async (_raw: string | Buffer, _reason: string, _origin: string) => undefined),
  };
  const runtime = { pipeline } as unknown as Runtime;
  const service = new HotlineIngestService(runtime, {
    partnerKeys: parseHotlinePartnerKeys(`p1:${KEY}`),
    windowSeconds: 300,
  });
  const headers = (body: string, signature = signHotlinePush(TS, body, Buffer.from(KEY, 'hex'))) => ({
    'x-zs-partner': 'p1',
    'x-zs-timestamp': TS,
    'x-zs-signature': signature,
  });
  return { pipeline, service, headers };
}

const storedAll = async (raws: readonly unknown[]): Promise<ItemResult[]> =>
  raws.map((raw, index) => ({ index, id: (raw as { id: string }).id, status: 'stored' as const }));

describe('HotlineIngestService', () => {
  it('submits valid tickets as events, dead-letters the invalid one, answers per item in body order', async () => {
    const { pipeline, service, headers } = setup(storedAll);
    const body = JSON.stringify([ticket('A1'), { ticketNo: 'B 2' }, ticket('C3')]);
    const answer = await service.ingest(body, headers(body), NOW);
    expect(answer).toMatchObject({ errors: true, stored: 2, rejected: 1, duplicates: 0 });
    expect(answer.items.map((item) => [item.index, item.status, item.id])).toEqual([
      [0, 'stored', 'hotline:p1:A1:accepted'],
      [1, 'rejected', undefined],
      [2, 'stored', 'hotline:p1:C3:accepted'],
    ]);
    expect(pipeline.submit).toHaveBeenCalledWith(
      [expect.objectContaining({ id: 'hotline:p1:A1:accepted' }), expect.anything()],
      `${HOTLINE_ORIGIN}/p1`,
    );
    expect(pipeline.deadLetter).toHaveBeenCalledTimes(1);
    expect(pipeline.deadLetter.mock.calls[0][2]).toBe(`${HOTLINE_ORIGIN}/p1`);
    expect(pipeline.deadLetter.mock.calls[0][0]).toBe(JSON.stringify({ ticketNo: 'B 2' }));
    expect(pipeline.deadLetter.mock.calls[0][1]).toMatch(/^hotline push from p1, item 1: ticketNo/);
    expect(service.counters.stats()).toMatchObject({
      adapter: 'hotline',
      received: 3,
      accepted: 2,
      rejected: 1,
      lagMs: 0,
    });
  });

  it('refuses a bad signature with a 401 ApiError and a dead letter of the raw body', async () => {
    const { pipeline, service, headers } = setup(storedAll);
    const body = JSON.stringify(ticket('A1'));
    const error = await service.ingest(body, headers(body, '0'.repeat(64)), NOW).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401, code: 'HOTLINE_BAD_SIGNATURE', messageZh: '签名校验失败' });
    expect(pipeline.submit).not.toHaveBeenCalled();
    expect(pipeline.deadLetter).toHaveBeenCalledWith(body, expect.stringContaining('[bad_signature]'), HOTLINE_ORIGIN);
    expect(service.counters.stats()).toMatchObject({ received: 1, rejected: 1, accepted: 0, lagMs: 0 });
  });

  it('lets BackpressureError through (→ 503 + Retry-After) without dead-lettering anything', async () => {
    const { pipeline, service, headers } = setup(async () => {
      throw new BackpressureError(2);
    });
    const body = JSON.stringify([ticket('A1'), { bad: true }]);
    await expect(service.ingest(body, headers(body), NOW)).rejects.toBeInstanceOf(BackpressureError);
    expect(pipeline.deadLetter).not.toHaveBeenCalled();
    expect(service.counters.stats()).toMatchObject({ received: 2, lagMs: 0 });
  });

  it('answers 415 for a body the app did not read as text, 400 for broken JSON or too many tickets', async () => {
    const { pipeline, service, headers } = setup(storedAll);
    await expect(service.ingest(undefined, {}, NOW)).rejects.toMatchObject({ status: 415 });
    const broken = '[{';
    await expect(service.ingest(broken, headers(broken), NOW)).rejects.toMatchObject({
      status: 400,
      code: 'INVALID_REQUEST',
    });
    expect(pipeline.deadLetter).toHaveBeenCalledWith(
      broken,
      expect.stringContaining('not JSON'),
      `${HOTLINE_ORIGIN}/p1`,
    );
    const empty = '[]';
    await expect(service.ingest(empty, headers(empty), NOW)).rejects.toMatchObject({ status: 400 });
  });

  it('replays a partner’s dead-lettered ticket through the push schema, never a request whose signature failed', async () => {
    const { pipeline, service } = setup(storedAll);
    const letter = (origin: string, raw: string): DeadLetter => ({
      id: 'x',
      receivedAt: new Date(NOW),
      origin,
      reason: 'r',
      raw,
      encoding: 'utf8',
    });
    const fixed = await service.replay(letter(`${HOTLINE_ORIGIN}/p1`, JSON.stringify(ticket('A1'))));
    expect(fixed).toEqual([{ index: 0, id: 'hotline:p1:A1:accepted', status: 'stored' }]);
    expect(pipeline.submit.mock.calls[0][1]).toBe(`replay:${HOTLINE_ORIGIN}/p1`);
    const stillBad = await service.replay(letter(`${HOTLINE_ORIGIN}/p1`, JSON.stringify({ ticketNo: 'B 2' })));
    expect(stillBad[0]).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/ticketNo/) as string });
    const unsigned = await service.replay(letter(HOTLINE_ORIGIN, JSON.stringify(ticket('A1'))));
    expect(unsigned[0]).toMatchObject({
      status: 'rejected',
      reason: expect.stringMatching(/signature was refused/) as string,
    });
    expect(pipeline.submit).toHaveBeenCalledTimes(2);
  });

  it('registers its counters and its replayer with the runtime', () => {
    const runtime = { adapters: [], replayers: [] } as unknown as Runtime;
    const service = hotlineIngestProvider.useFactory(runtime, { partnerKeys: new Map(), windowSeconds: 300 });
    expect(runtime.adapters).toEqual([service]);
    expect(runtime.replayers[0].originPrefix).toBe(HOTLINE_ORIGIN);
  });
});
