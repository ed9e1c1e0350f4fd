import type { IncomingHttpHeaders } from 'node:http';
import type { FactoryProvider } from '@nestjs/common';
import {
  AdapterCounters,
  type Adapter,
  HOTLINE_HEADERS,
  hotlinePush,
  hotlinePushToCityEvent,
  verifyHotlineSignature,
  type HotlineSignatureFailure,
  type HotlineTicketEvent,
} from '@zhongshu/adapters';
import { describeIssues, type DeadLetter, type ItemResult } from '@zhongshu/stream';
import type { IngestResponse } from '../../events/events.dto';
import { ApiError, invalidRequest } from '../../http/api-error';
import { RUNTIME, type Runtime } from '../../runtime';
import { HOTLINE_INGEST_OPTIONS, type HotlineIngestOptions } from './hotline-ingest.options';

/**
 * Dead-letter origin. A partner's authenticated input is kept under `${HOTLINE_ORIGIN}/{partnerId}`
 * (replayable); a request whose signature failed under `HOTLINE_ORIGIN` itself (never replayed).
 */
export const HOTLINE_ORIGIN = 'http:/api/v1/ingest/hotline';
const partnerOrigin = (partnerId: string) => `${HOTLINE_ORIGIN}/${partnerId}`;
/** Tickets per push; a platform with a backlog sends several pushes. */
export const MAX_TICKETS_PER_PUSH = 1000;
/** What we keep of a body nobody vouched for (bad signature…): enough to see what it was, no more. */
const UNVERIFIED_DEAD_LETTER_CHARS = 64 * 1024;

const SIGNATURE_ERRORS: Record<HotlineSignatureFailure, { code: string; messageZh: string }> = {
  missing_headers: { code: 'HOTLINE_SIGNATURE_MISSING', messageZh: '缺少签名请求头或格式错误' },
  unknown_partner: { code: 'HOTLINE_UNKNOWN_PARTNER', messageZh: '未知的接入方' },
  stale_timestamp: { code: 'HOTLINE_STALE_TIMESTAMP', messageZh: '请求时间戳已过期' },
  future_timestamp: { code: 'HOTLINE_FUTURE_TIMESTAMP', messageZh: '请求时间戳超前' },
  bad_signature: { code: 'HOTLINE_BAD_SIGNATURE', messageZh: '签名校验失败' },
};

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return typeof value === 'string' ? value.trim() : undefined;
}

/**
 * 12345 platform push: verify the HMAC-SM3 signature on the raw body, validate each ticket, map it
 * to a hotline event with a deterministic id and hand the batch to the pipeline. Everything refused
 * is kept as a dead letter with its reason. Passive (HTTP): start/stop have nothing to do.
 */
export class HotlineIngestService implements Adapter {
  readonly counters = new AdapterCounters('hotline');

  constructor(
    private readonly runtime: Runtime,
    private readonly options: HotlineIngestOptions,
  ) {}

  async start(): Promise<void> {}

  async stop(): Promise<void> {}

  async ingest(body: unknown, headers: IncomingHttpHeaders, now: number = Date.now()): Promise<IngestResponse> {
    if (typeof body !== 'string') {
      this.refused();
      throw new ApiError(
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        'Send the tickets as application/json (UTF-8)',
        '请以 application/json（UTF-8）格式推送工单',
      );
    }
    const verdict = verifyHotlineSignature(
      {
        partnerId: header(headers, HOTLINE_HEADERS.partner),
        timestamp: header(headers, HOTLINE_HEADERS.timestamp),
        signature: header(headers, HOTLINE_HEADERS.signature),
        body,
      },
      this.options.partnerKeys,
      now,
      this.options.windowSeconds,
    );
    if (!verdict.ok) {
      const kept = body.length > UNVERIFIED_DEAD_LETTER_CHARS ? body.slice(0, UNVERIFIED_DEAD_LETTER_CHARS) : body;
      const truncated = kept.length < body.length ? ` (body truncated from ${body.length} characters)` : '';
      await this.deadLetter(kept, `hotline signature rejected [${verdict.reason}]: ${verdict.message}${truncated}`);
      this.refused();
      const { code, messageZh } = SIGNATURE_ERRORS[verdict.reason];
      throw new ApiError(
        401,
        code,
        `Hotline push refused: ${verdict.message}`,
        messageZh,
        { serverTime: Math.floor(now / 1000), windowSeconds: this.options.windowSeconds },
        { 'WWW-Authenticate': 'ZS-HMAC-SM3 headers="X-Zs-Partner X-Zs-Timestamp X-Zs-Signature"' },
      );
    }
    const { partnerId } = verdict;

    let items: unknown[];
    try {
      const parsed: unknown = JSON.parse(body);
      items = Array.isArray(parsed) ? parsed : [parsed];
    } catch (error) {
      await this.deadLetter(
        body,
        `hotline push from ${partnerId}: body is not JSON: ${(error as Error).message}`,
        partnerId,
      );
      this.refused();
      throw invalidRequest(`body is not JSON: ${(error as Error).message}`);
    }
    if (items.length === 0 || items.length > MAX_TICKETS_PER_PUSH) {
      await this.deadLetter(body, `hotline push from ${partnerId}: ${items.length} items`, partnerId);
      this.refused();
      throw invalidRequest(`a push carries 1 to ${MAX_TICKETS_PER_PUSH} tickets, not ${items.length}`);
    }

    const ticket = this.counters.receive(items.length);
    const results: ItemResult[] = [];
    try {
      const events: HotlineTicketEvent[] = [];
      const eventIndexes: number[] = [];
      const invalid: Array<{ index: number; item: unknown; reason: string }> = [];
      items.forEach((item, index) => {
        const push = hotlinePush.safeParse(item);
        if (push.success) {
          events.push(hotlinePushToCityEvent(push.data, partnerId));
          eventIndexes.push(index);
        } else {
          invalid.push({ index, item, reason: describeIssues(push.error) });
        }
      });
      // Submit first: if the pipeline is saturated (503) the platform redelivers the whole push, and
      // its invalid tickets are dead-lettered then, once.
      const submitted = await this.runtime.pipeline.submit(events, partnerOrigin(partnerId));
      submitted.forEach((result) => results.push({ ...result, index: eventIndexes[result.index] }));
      for (const { index, item, reason } of invalid) {
        await this.deadLetter(
          JSON.stringify(item),
          `hotline push from ${partnerId}, item ${index}: ${reason}`,
          partnerId,
        );
        results.push({ index, status: 'rejected', reason });
      }
      results.sort((a, b) => a.index - b.index);
      const count = (status: ItemResult['status']) => results.filter((result) => result.status === status).length;
      const rejected = count('rejected');
      return {
        errors: rejected > 0,
        stored: count('stored'),
        duplicates: count('duplicate'),
        rejected,
        items: results,
      };
    } finally {
      this.counters.done(ticket, results);
    }
  }

  /** A request refused before it became items counts as one received, one rejected. */
  private refused(): void {
    this.counters.done(this.counters.receive());
    this.counters.reject();
  }

  /**
   * Replays a dead letter once its cause is fixed (say, a category the schema did not know). Only
   * a partner's authenticated input: a request whose signature failed was never shown to come from
   * anyone, so the platform must send it again.
   */
  async replay(letter: DeadLetter): Promise<ItemResult[]> {
    const refuse = (reason: string): ItemResult[] => [{ index: 0, status: 'rejected', reason }];
    const partnerId = letter.origin.startsWith(`${HOTLINE_ORIGIN}/`)
      ? letter.origin.slice(HOTLINE_ORIGIN.length + 1)
      : undefined;
    if (!partnerId) return refuse('its signature was refused: the platform must push it again');
    if (letter.encoding !== 'utf8') return refuse('binary payload');
    let items: unknown[];
    try {
      const parsed: unknown = JSON.parse(letter.raw);
      items = Array.isArray(parsed) ? parsed : [parsed];
    } catch (error) {
      return refuse(`payload is not JSON: ${(error as Error).message}`);
    }
    const results: ItemResult[] = [];
    const raws: unknown[] = [];
    const indexes: number[] = [];
    items.forEach((item, index) => {
      // The pipeline's own letters are events we built; the others are platform tickets.
      const isEvent = typeof item === 'object' && item !== null && 'specversion' in item;
      const push = isEvent ? undefined : hotlinePush.safeParse(item);
      if (push && !push.success) {
        results.push({ index, status: 'rejected', reason: describeIssues(push.error) });
        return;
      }
      raws.push(push ? hotlinePushToCityEvent(push.data, partnerId) : item);
      indexes.push(index);
    });
    const submitted = await this.runtime.pipeline.submit(raws, `replay:${letter.origin}`, { deadLetterInvalid: false });
    submitted.forEach((result) => results.push({ ...result, index: indexes[result.index] }));
    return results.sort((a, b) => a.index - b.index);
  }

  private deadLetter(raw: string, reason: string, partnerId?: string): Promise<void> {
    return this.runtime.pipeline.deadLetter(raw, reason, partnerId ? partnerOrigin(partnerId) : HOTLINE_ORIGIN);
  }
}

/**
 * Register this (not the class): one service per process, its counters in /api/health and
 * /metrics, its dead letters replayed through it.
 */
export const hotlineIngestProvider: FactoryProvider<HotlineIngestService> = {
  provide: HotlineIngestService,
  inject: [RUNTIME, HOTLINE_INGEST_OPTIONS],
  useFactory: (runtime: Runtime, options: HotlineIngestOptions) => {
    const service = new HotlineIngestService(runtime, options);
    runtime.adapters.push(service);
    runtime.replayers.push({ originPrefix: HOTLINE_ORIGIN, replay: (letter) => service.replay(letter) });
    return service;
  },
};
