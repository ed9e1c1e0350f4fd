import { BackpressureError, type CityEvent, type ItemResult } from '@zhongshu/stream';
import { describe, expect, it, vi } from 'vitest';
import { Open311Error } from '@zhongshu/adapters';
import type { Runtime } from '../../runtime';
import { OPEN311_ORIGIN, Open311RequestsService, open311RequestsProvider } from './open311-requests.service';

const form = (fields: Record<string, string>) => ({
  bytes: Buffer.from(new URLSearchParams(fields).toString(), 'utf8'),
  tooLarge: false,
});
const valid = { api_key: 'k1', service_code: '010101', lat: '20.02', long: '110.29', description: '路灯不亮' };

function setup(status: ItemResult['status'] | Error = 'stored') {
  const pipeline = {
    submit: vi.fn(async (raws: readonly unknown[], _origin: string): Promise<ItemResult[]> => {
      if (status instanceof Error) throw status;
      return raws.map((raw, index) => ({ index, id: (raw as { id: string }).id, status }));
    }),
    deadLetter: vi.fn(async (_raw: string | Buffer, _reason: string, _origin: string) => undefined),
  };
  const store = {
    query: vi.fn(async () => [] as CityEvent[]),
    getById: vi.fn(async (_id: string): Promise<CityEvent | undefined> => undefined),
  };
  const gis = {
    regionAt: () => undefined,
    toWgs84: (p: { lng: number; lat: number }) => p,
    config: { city: { name: '海口市' } },
  };
  const runtime = { pipeline, store, gis } as unknown as Runtime;
  return { pipeline, store, service: new Open311RequestsService(runtime, { apiKeys: ['k1'] }) };
}

describe('Open311RequestsService.create', () => {
  it('files a request and returns the receipt', async () => {
    const { pipeline, service } = setup();
    const filed = await service.create(
      form({ ...valid, account_id: 'u-1' }),
      'application/x-www-form-urlencoded; charset=utf-8',
      undefined,
    );
    expect(filed.replayed).toBe(false);
    expect(filed.receipt).toMatchObject({
      service_request_id: expect.stringMatching(/^ZS311-/) as string,
      account_id: 'u-1',
    });
    expect(pipeline.submit).toHaveBeenCalledWith(
      [expect.objectContaining({ id: `open311:${filed.receipt.service_request_id}:accepted`, source: '/open311' })],
      OPEN311_ORIGIN,
    );
    expect(service.counters.stats()).toMatchObject({ adapter: 'open311', received: 1, accepted: 1 });
  });

  it('gives a retry with the same Idempotency-Key the same id and reports the replay', async () => {
    const first = await setup('stored').service.create(form(valid), undefined, 'key-1');
    const again = await setup('duplicate').service.create(form(valid), undefined, 'key-1');
    expect(again.receipt.service_request_id).toBe(first.receipt.service_request_id);
    expect(again.replayed).toBe(true);
  });

  it('recognises a retry after the dedupe window from the stored filing event, without submitting', async () => {
    const { pipeline, store, service } = setup();
    store.getById.mockImplementation(async (id: string) => (id.endsWith(':accepted') ? ({ id } as never) : undefined));
    const again = await service.create(form(valid), undefined, 'key-1');
    expect(again.replayed).toBe(true);
    expect(pipeline.submit).not.toHaveBeenCalled();
    expect(store.getById).toHaveBeenCalledWith(`open311:${again.receipt.service_request_id}:accepted`);
    expect(service.counters.stats()).toMatchObject({ duplicates: 1 });
  });

  it('refuses a wrong api_key with 403 and dead-letters the form with the key redacted', async () => {
    const { pipeline, service } = setup();
    const error = await service
      .create(form({ ...valid, api_key: 'secret-guess' }), undefined, undefined)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Open311Error);
    expect(error).toMatchObject({ status: 403 });
    expect(pipeline.submit).not.toHaveBeenCalled();
    const [raw, reason, origin] = pipeline.deadLetter.mock.calls[0];
    expect(raw).toContain('api_key=[redacted]');
    expect(raw).not.toContain('secret-guess');
    expect(reason).toMatch(/\(403\)/);
    expect(origin).toBe(OPEN311_ORIGIN);
    expect(service.counters.stats()).toMatchObject({ received: 1, rejected: 1 });
  });

  it('refuses a body over the limit (413), not UTF-8 or not form-encoded (400), keeping it as a dead letter', async () => {
    const { pipeline, service } = setup();
    await expect(
      service.create({ bytes: Buffer.from('a=1'), tooLarge: true }, undefined, undefined),
    ).rejects.toMatchObject({ status: 413 });
    await expect(
      service.create({ bytes: Buffer.from([0xff, 0xfe, 0x41]), tooLarge: false }, undefined, undefined),
    ).rejects.toMatchObject({
      status: 400,
    });
    expect(Buffer.isBuffer(pipeline.deadLetter.mock.calls[1][0])).toBe(true);
    await expect(service.create(form(valid), 'application/json', undefined)).rejects.toMatchObject({ status: 400 });
    expect(pipeline.deadLetter).toHaveBeenCalledTimes(3);
  });

  it('lets BackpressureError through for the 503 + Retry-After answer, without a dead letter', async () => {
    const { pipeline, service } = setup(new BackpressureError(1));
    await expect(service.create(form(valid), undefined, undefined)).rejects.toBeInstanceOf(BackpressureError);
    expect(pipeline.deadLetter).not.toHaveBeenCalled();
  });
});

describe('Open311RequestsService reads', () => {
  it('scans /open311 hotline events from start_date for GET requests', async () => {
    const { store, service } = setup();
    await service.list(
      { service_code: '010101', start_date: '2026-11-01T00:00:00+08:00' },
      new Date('2026-11-21T00:00:00Z'),
    );
    expect(store.query).toHaveBeenCalledWith(
      expect.objectContaining({
        source: '/open311',
        type: 'cn.zhongshu.hotline.ticket.v1',
        category: '010101',
        from: new Date('2026-10-31T16:00:00Z'),
      }),
    );
  });

  it('looks a request up by the deterministic id of each status; 404 when none exists', async () => {
    const { store, service } = setup();
    await expect(service.get('ZS311-NOPE')).rejects.toMatchObject({ status: 404 });
    expect(store.getById.mock.calls.map((call: unknown[]) => call[0])).toEqual([
      'open311:ZS311-NOPE:accepted',
      'open311:ZS311-NOPE:dispatched',
      'open311:ZS311-NOPE:in_progress',
      'open311:ZS311-NOPE:closed',
      'open311:ZS311-NOPE:overdue',
    ]);
  });

  it('registers its counters and refuses to replay a refused POST', async () => {
    const runtime = { adapters: [], replayers: [] } as unknown as Runtime;
    const service = open311RequestsProvider.useFactory(runtime, { apiKeys: [] });
    expect(runtime.adapters).toEqual([service]);
    expect(runtime.replayers[0].originPrefix).toBe(OPEN311_ORIGIN);
    const letter = {
      id: 'x',
      receivedAt: new Date(),
      origin: OPEN311_ORIGIN,
      reason: 'r',
      raw: 'a=1',
      encoding: 'utf8' as const,
    };
    expect((await runtime.replayers[0].replay(letter))[0]).toMatchObject({ status: 'rejected' });
  });
});
