import { createHash } from 'node:crypto';
import {
  coordinateSystem,
  describeIssues,
  parseCityEvent,
  type CityEvent,
  type CityEventInput,
  type CoordinateSystem,
  type DeadLetter,
  type ItemResult,
} from '@zhongshu/stream';
import { z } from 'zod';
import { AdapterCounters, type Adapter } from '../shared/adapter-stats';
import type { IngestSink } from '../shared/ingest-sink';

/**
 * What the three push adapters (urban, safety, approvals) share: platform field types, deterministic ids,
 * and the validate → map → submit → dead-letter step. It lives here only because `shared/` belongs to
 * someone else for now; it has no urban knowledge and can move to `shared/push-kit.ts` unchanged.
 */

export type PushAdapterName = 'urban' | 'safety' | 'approvals';

export const text = (max: number) => z.string().trim().min(1).max(max);

/**
 * One of `codes`, or the Chinese label a platform writes instead (`部件` for `component`). Matching is
 * exact after trimming, case-insensitive for the codes.
 */
export function labelled<const T extends string>(codes: readonly T[], labels: Readonly<Record<string, T>> = {}) {
  const lookup = new Map<string, T>([
    ...codes.map((code) => [code.toLowerCase(), code] as const),
    ...Object.entries(labels),
  ]);
  const accepted = [...codes, ...Object.keys(labels)].join(', ');
  return z
    .string()
    .trim()
    .transform((value, ctx): T => {
      const found = lookup.get(value) ?? lookup.get(value.toLowerCase());
      if (found === undefined) {
        ctx.addIssue({ code: 'custom', message: `"${value}" is not one of ${accepted}` });
        return z.NEVER;
      }
      return found;
    })
    .meta({ enum: [...codes, ...Object.keys(labels)] });
}

/** 北京时间 without an offset, as many Chinese platforms write it: `2026-11-21 09:15:03` (or with a `T`). */
const NAIVE_BEIJING = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?)$/;
const isoWithOffset = z.iso.datetime({ offset: true });

/**
 * A platform timestamp: ISO 8601 with an offset (kept as sent), or `yyyy-MM-dd HH:mm:ss` (also with `T`) read as
 * 北京时间 (UTC+8; China has one time zone and no daylight saving) and given the `+08:00` offset.
 */
export const platformTime = z
  .string()
  .transform((value, ctx) => {
    const naive = NAIVE_BEIJING.exec(value.trim());
    const iso = naive ? `${naive[1]}T${naive[2]}+08:00` : value.trim();
    if (!isoWithOffset.safeParse(iso).success || Number.isNaN(Date.parse(iso))) {
      ctx.addIssue({ code: 'custom', message: 'expected ISO 8601 with offset or "yyyy-MM-dd HH:mm:ss" (北京时间)' });
      return z.NEVER;
    }
    return iso;
  })
  .meta({ description: 'ISO 8601 with offset, or "yyyy-MM-dd HH:mm:ss" in 北京时间 (UTC+8)' });

/** A number, or a decimal string (`"110.29"`) as many platforms send coordinates. */
const coordinate = (min: number, max: number) =>
  z
    .union([
      z.number(),
      z
        .string()
        .regex(/^-?\d+(\.\d+)?$/, 'a decimal number')
        .transform(Number),
    ])
    .pipe(z.number().min(min).max(max));

/** Optional point fields; refine with `bothOrNeither` so a half position is rejected. */
export const pointFields = {
  lng: coordinate(-180, 180).optional(),
  lat: coordinate(-90, 90).optional(),
  /** The platform's coordinate system; the pipeline converts to WGS-84. Default WGS84. */
  crs: coordinateSystem.optional(),
  /** County-level GB/T 2260 code (行政区划代码) when the platform sends one; wins over the map. */
  areaCode: z
    .string()
    .regex(/^\d{6}$/, 'a 6-digit GB/T 2260 area code')
    .optional(),
};

export function bothOrNeither(item: { lng?: number; lat?: number }, ctx: z.RefinementCtx): void {
  if ((item.lng === undefined) !== (item.lat === undefined)) {
    ctx.addIssue({
      code: 'custom',
      path: [item.lng === undefined ? 'lng' : 'lat'],
      message: 'lng and lat go together',
    });
  }
}

/**
 * The envelope's place: `location` from the point; `region.code` from the item's `areaCode`, else — only
 * for an item without a point — the adapter's default district. With a point the map decides (the
 * pipeline fills district, town and grid), so a case just across the border is not claimed for ours.
 */
export function placeOf(
  item: { lng?: number; lat?: number; crs?: CoordinateSystem; areaCode?: string },
  defaultAreaCode: string | undefined,
): Pick<CityEventInput, 'location' | 'region'> {
  const hasPoint = item.lng !== undefined && item.lat !== undefined;
  const code = item.areaCode ?? (hasPoint ? undefined : defaultAreaCode);
  return {
    ...(hasPoint ? { location: { lng: item.lng as number, lat: item.lat as number, crs: item.crs ?? 'WGS84' } } : {}),
    ...(code ? { region: { code } } : {}),
  };
}

const MAX_ID_LENGTH = 128;

/**
 * A deterministic event id from the platform's own keys: `prefix:part:part…`. A redelivered message maps
 * to the same id, so the pipeline stores it once. `:` and `%` inside parts are escaped so two different
 * key tuples never join to the same id; an id longer than the contract's 128 characters becomes
 * `prefix:sha256:<hex>` of the same text (still deterministic).
 */
export function stableId(prefix: string, ...parts: ReadonlyArray<string | number>): string {
  const id = [prefix, ...parts.map((part) => String(part).replaceAll('%', '%25').replaceAll(':', '%3A'))].join(':');
  if (id.length <= MAX_ID_LENGTH) return id;
  return `${prefix}:sha256:${createHash('sha256').update(id).digest('hex')}`;
}

/**
 * Counts how often each case entered each stage, for a feed that does not number re-entries itself
 * (the simulator bridge): pass the result as `round`. Bounded: the oldest keys are forgotten.
 */
export class StageRounds {
  private readonly seen = new Map<string, number>();

  constructor(private readonly capacity = 100_000) {}

  next(caseNo: string, stage: string): number {
    const key = `${caseNo}\u0000${stage}`;
    const round = (this.seen.get(key) ?? 0) + 1;
    this.seen.delete(key);
    this.seen.set(key, round);
    if (this.seen.size > this.capacity) {
      const oldest = this.seen.keys().next();
      if (!oldest.done) this.seen.delete(oldest.value);
    }
    return round;
  }
}

/**
 * One instant, one spelling, for ids: ISO 8601 basic format in UTC (`20261121T014100Z`, `.120` when
 * there are milliseconds), so `+08:00` and `Z` forms of the same time give the same id and no `:` escaping.
 */
export function idTime(iso: string): string {
  const utc = new Date(iso).toISOString();
  const basic = utc.replace(/[-:]/g, '');
  return basic.endsWith('.000Z') ? basic.replace('.000Z', 'Z') : basic;
}

/** A platform item after validation and mapping, or why it was refused. */
export type Normalised = { ok: true; event: CityEvent } | { ok: false; reason: string };

/** Validates one platform item with `schema`, maps it, and checks the result against the CityEvent contract. */
export function normalise<T>(schema: z.ZodType<T>, toCityEvent: (item: T) => CityEventInput, raw: unknown): Normalised {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: describeIssues(parsed.error) };
  let input: CityEventInput;
  try {
    input = toCityEvent(parsed.data);
  } catch (error) {
    return { ok: false, reason: `mapping failed: ${(error as Error).message}` };
  }
  // The contract check happens here, not in the pipeline: a rejection after a BackpressureError retry
  // would otherwise be dead-lettered twice.
  const event = parseCityEvent(input);
  return event.ok ? { ok: true, event: event.event } : { ok: false, reason: `mapped event invalid: ${event.reason}` };
}

export type Prepared = Normalised & { raw: unknown };

export interface DeliverOptions {
  /** False when replaying a dead letter: a payload that still fails is not dead-lettered a second time. */
  deadLetterInvalid?: boolean;
}

/**
 * Stores the valid events, then dead-letters the rest (raw bytes, reason, origin; the sink stamps the time).
 * Submitting first matters: when the sink throws `BackpressureError` nothing has been written yet, so
 * the caller can answer 503 or retry the same batch without dead-lettering anything twice.
 * Results are in input order, one per entry.
 */
export async function deliver(
  sink: IngestSink,
  entries: readonly Prepared[],
  origin: string,
  options: DeliverOptions = {},
): Promise<ItemResult[]> {
  const valid: number[] = [];
  entries.forEach((entry, index) => {
    if (entry.ok) valid.push(index);
  });
  const events = valid.map((index) => (entries[index] as { event: CityEvent }).event);
  const submitted = events.length > 0 ? await sink.submit(events, origin) : [];
  const results: ItemResult[] = new Array<ItemResult>(entries.length);
  submitted.forEach((result, i) => {
    const index = valid[i] ?? result.index;
    results[index] = { ...result, index };
  });
  for (const [index, entry] of entries.entries()) {
    if (entry.ok) continue;
    const raw = entry.raw;
    if (options.deadLetterInvalid !== false) {
      await sink.deadLetter(
        Buffer.isBuffer(raw) || typeof raw === 'string' ? raw : safeJson(raw),
        entry.reason,
        origin,
      );
    }
    results[index] = { index, status: 'rejected', reason: entry.reason };
  }
  return results;
}

function safeJson(raw: unknown): string {
  try {
    return JSON.stringify(raw) ?? String(raw);
  } catch {
    return String(raw);
  }
}

/** The per-item answer of a push endpoint; the same shape as `POST /api/v1/events`. */
export interface PushReport {
  /** True when at least one item was rejected (the others were still kept). */
  errors: boolean;
  stored: number;
  duplicates: number;
  rejected: number;
  items: ItemResult[];
}

export function report(items: ItemResult[]): PushReport {
  const count = (status: ItemResult['status']) => items.filter((item) => item.status === status).length;
  const rejected = count('rejected');
  return { errors: rejected > 0, stored: count('stored'), duplicates: count('duplicate'), rejected, items };
}

/** A request body already split into items (JSON array/object or NDJSON), as `parseIngestBody` gives it. */
export interface PushBody {
  items: readonly unknown[];
  /** NDJSON lines that were not JSON, with their position in the body. */
  unparseable?: ReadonlyArray<{ index: number; raw: string; reason: string }>;
}

export interface PushAdapterOptions {
  sink: IngestSink;
  /** Region code for items that carry none: the district this deployment governs (GB/T 2260, 6 digits). */
  areaCode?: string;
  /** Share counters with another adapter of the same source (e.g. the safety WebSocket client). */
  counters?: AdapterCounters;
}

/**
 * An HTTP push source: the platform calls us, so there is nothing to connect (`start`/`stop` are no-ops).
 * Each item is validated on its own; the valid ones are stored even when others are rejected.
 */
export class PushAdapter<T> implements Adapter {
  readonly counters: AdapterCounters;
  protected readonly sink: IngestSink;

  constructor(
    name: PushAdapterName,
    options: PushAdapterOptions,
    private readonly schema: z.ZodType<T>,
    private readonly toCityEvent: (item: T) => CityEventInput,
  ) {
    this.sink = options.sink;
    this.counters = options.counters ?? new AdapterCounters(name);
  }

  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  normalise(raw: unknown): Normalised {
    return normalise(this.schema, this.toCityEvent, raw);
  }

  /** Throws `BackpressureError` (nothing stored, nothing dead-lettered) when the sink is saturated. */
  async ingest(items: readonly unknown[], origin: string): Promise<PushReport> {
    return this.ingestBody({ items }, origin);
  }

  async ingestBody(body: PushBody, origin: string): Promise<PushReport> {
    const unparseable = body.unparseable ?? [];
    const ticket = this.counters.receive(body.items.length + unparseable.length);
    let results: ItemResult[] = [];
    try {
      const prepared: Prepared[] = body.items.map((raw) => ({ ...this.normalise(raw), raw }));
      const delivered = await deliver(this.sink, prepared, origin);
      for (const line of unparseable) await this.sink.deadLetter(line.raw, line.reason, origin);
      // Indexes refer to positions in the request body, whatever failed to parse.
      const skipped = new Set(unparseable.map((line) => line.index));
      const positions: number[] = [];
      for (let i = 0; positions.length < body.items.length; i++) if (!skipped.has(i)) positions.push(i);
      results = [
        ...delivered.map((result, i) => ({ ...result, index: positions[i] ?? i })),
        ...unparseable.map((line) => ({ index: line.index, status: 'rejected' as const, reason: line.reason })),
      ].sort((a, b) => a.index - b.index);
      return report(results);
    } finally {
      this.counters.done(ticket, results);
    }
  }

  /**
   * Sends a dead letter of this adapter through it again once its cause was fixed (register it in
   * `runtime.replayers` under the adapter's origin). The payload is the platform item (or a JSON array /
   * one object per letter); what still fails is answered `rejected` and not dead-lettered again.
   */
  async replay(letter: Pick<DeadLetter, 'raw' | 'encoding' | 'origin'>): Promise<ItemResult[]> {
    const items = readLetter(letter);
    if (!Array.isArray(items)) return [items];
    const prepared: Prepared[] = items.map((raw) => ({ ...this.normalise(raw), raw }));
    const results = await deliver(this.sink, prepared, `replay:${letter.origin}`, { deadLetterInvalid: false });
    this.counters.record(results);
    return results;
  }

  /** A body that is not JSON at all: kept whole in the dead letters, counted as one rejection. */
  async rejectBody(raw: string | Buffer, reason: string, origin: string): Promise<void> {
    this.counters.reject();
    await this.sink.deadLetter(raw, reason, origin);
  }
}

/** The JSON items of a dead letter, or why there are none. */
export function readLetter(letter: Pick<DeadLetter, 'raw' | 'encoding'>): unknown[] | ItemResult {
  if (letter.encoding !== 'utf8')
    return { index: 0, status: 'rejected', reason: 'binary payload is not a platform item' };
  try {
    const parsed: unknown = JSON.parse(letter.raw);
    return Array.isArray(parsed) ? (parsed as unknown[]) : [parsed];
  } catch {
    return { index: 0, status: 'rejected', reason: 'payload is not JSON' };
  }
}
