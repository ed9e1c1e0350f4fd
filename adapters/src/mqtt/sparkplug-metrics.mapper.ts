import type { UMetric } from 'sparkplug-payload/lib/sparkplugbpayload';

export type MetricValue = number | boolean | string;

/** Metric name ↔ alias from a birth certificate; aliases are uint64 on the wire, keyed by their decimal text. */
export type AliasTable = ReadonlyMap<string, string>;

export interface MappedMetrics {
  metrics: Record<string, MetricValue>;
  /** What was left out and why (datasets, templates, bytes, nulls…). */
  notes: string[];
  /** Aliases a data message used that no birth certificate defined. */
  unknownAliases: string[];
}

const NOT_SCALAR = new Set(['DataSet', 'Template', 'Bytes', 'File', 'PropertySet', 'PropertySetList']);
const MAX_NAME = 128;
const MAX_TEXT = 256;

interface LongLike {
  toNumber(): number;
  toString(): string;
}

function isLongLike(value: unknown): value is LongLike {
  return typeof value === 'object' && value !== null && typeof (value as Partial<LongLike>).toNumber === 'function';
}

/** protobufjs decodes 64-bit fields (timestamps, seq, bdSeq) as `Long`. */
export function longToNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (!isLongLike(value)) return undefined;
  return value.toNumber();
}

export function aliasKey(alias: unknown): string | undefined {
  if (typeof alias === 'number') return String(alias);
  return isLongLike(alias) ? alias.toString() : undefined;
}

/** The alias table a birth certificate defines (metrics carrying both a name and an alias). */
export function aliasesOf(metrics: readonly UMetric[]): Map<string, string> {
  const table = new Map<string, string>();
  for (const metric of metrics) {
    const key = aliasKey(metric.alias);
    if (key !== undefined && metric.name) table.set(key, metric.name);
  }
  return table;
}

/**
 * Flattens metrics to the telemetry bag. Names come from the metric itself or, in data messages,
 * from the alias tables (device first, then its edge node). An alias no birth defined is kept as
 * `alias:<n>` rather than dropped: the reading is real, only its name is missing until the next birth.
 */
export function mapMetrics(metrics: readonly UMetric[], tables: readonly AliasTable[] = []): MappedMetrics {
  const out: MappedMetrics = { metrics: {}, notes: [], unknownAliases: [] };
  for (const metric of metrics) {
    let name = metric.name ?? undefined;
    if (!name) {
      const key = aliasKey(metric.alias);
      if (key === undefined) {
        out.notes.push('a metric with neither name nor alias was skipped');
        continue;
      }
      name = tables.map((table) => table.get(key)).find((found) => found !== undefined);
      if (name === undefined) {
        out.unknownAliases.push(key);
        name = `alias:${key}`;
      }
    }
    if (name.length > MAX_NAME) {
      out.notes.push(`${name.slice(0, 40)}…: name longer than ${MAX_NAME} characters, skipped`);
      continue;
    }
    const value = scalar(metric, name, out.notes);
    if (value !== undefined) out.metrics[name] = value;
  }
  return out;
}

function scalar(metric: UMetric, name: string, notes: string[]): MetricValue | undefined {
  if (NOT_SCALAR.has(metric.type)) {
    notes.push(`${name}: ${metric.type} metrics are not flattened into telemetry, skipped`);
    return undefined;
  }
  // Tahu's typings reference `long` types it does not ship, so values arrive untyped.
  const value: unknown = metric.value;
  if (value === null || value === undefined) {
    notes.push(`${name}: null value skipped`);
    return undefined;
  }
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    if (value.length <= MAX_TEXT) return value;
    notes.push(`${name}: text truncated to ${MAX_TEXT} characters`);
    return value.slice(0, MAX_TEXT);
  }
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return value;
    notes.push(`${name}: non-finite number ${value} skipped`);
    return undefined;
  }
  if (isLongLike(value)) {
    const n = value.toNumber();
    return Number.isSafeInteger(n) ? n : value.toString();
  }
  notes.push(`${name}: ${metric.type} value skipped`);
  return undefined;
}
