import type { SqlClient } from '../warehouse/sql-client';
import { windowParams, type DayWindow } from './day-window';

export interface ValueCount {
  value: string;
  label: string;
  events: number;
  measure: number;
}

export interface HourlyCount {
  hour: number;
  value: string;
  events: number;
}

/** One thing's latest state, merged from `entity_state` (migration 011). */
export interface EntityRow {
  entity: string;
  firstAt: Date;
  lastAt: Date;
  startedAt: Date | null;
  state: string;
  townCode: string;
  detail: Record<string, string>;
  lastEventId: string;
}

export type EntityDomain = 'urban_case' | 'safety_alarm' | 'approval_case' | 'device' | 'window' | 'hall';

const NO_START = Date.UTC(2100, 0, 1);

/** `IN` lists are bound as arrays, never spliced. */
const inList = (column: string, param: string) => `${column} IN {${param}:Array(String)}`;

/**
 * The reads behind every wall KPI: `kpi_minute` (counts by kind/type/town/severity), `kpi_facet_minute`
 * (counts by facet value), `entity_state` (latest state per case, alarm, device, window). All of them
 * are materialized views the warehouse keeps as events arrive; nothing here scans raw events.
 */
export class KpiWarehouse {
  constructor(private readonly sql: SqlClient) {}

  /** Events per kind in the window (optionally per severity). */
  async kindCounts(window: DayWindow, kinds?: readonly string[], severities?: readonly string[]) {
    const rows = await this.sql.query<{ kind: string; events: string }>(
      `SELECT kind, sum(events) AS events FROM kpi_minute
       WHERE minute >= toDateTime({startS:UInt32}) AND minute < toDateTime({endS:UInt32})
       ${kinds ? `AND ${inList('kind', 'kinds')}` : ''} ${severities ? `AND ${inList('severity', 'severities')}` : ''}
       GROUP BY kind`,
      { ...windowParams(window), kinds: kinds ?? [], severities: severities ?? [] },
    );
    return new Map(rows.map((row) => [row.kind, Number(row.events)]));
  }

  async kindHourly(window: DayWindow, kinds?: readonly string[]): Promise<HourlyCount[]> {
    const rows = await this.sql.query<{ hour: number; value: string; events: string }>(
      `SELECT intDiv(toUnixTimestamp(minute) - {startS:UInt32}, 3600) AS hour, kind AS value, sum(events) AS events
       FROM kpi_minute
       WHERE minute >= toDateTime({startS:UInt32}) AND minute < toDateTime({endS:UInt32})
       ${kinds ? `AND ${inList('kind', 'kinds')}` : ''}
       GROUP BY hour, value`,
      { ...windowParams(window), kinds: kinds ?? [] },
    );
    return rows.map((row) => ({ hour: Number(row.hour), value: row.value, events: Number(row.events) }));
  }

  async townCounts(window: DayWindow, kinds?: readonly string[]) {
    const rows = await this.sql.query<{ town_code: string; events: string }>(
      `SELECT town_code, sum(events) AS events FROM kpi_minute
       WHERE minute >= toDateTime({startS:UInt32}) AND minute < toDateTime({endS:UInt32}) AND town_code != ''
       ${kinds ? `AND ${inList('kind', 'kinds')}` : ''}
       GROUP BY town_code ORDER BY events DESC, town_code`,
      { ...windowParams(window), kinds: kinds ?? [] },
    );
    return rows.map((row) => ({ value: row.town_code, events: Number(row.events) }));
  }

  /** Per-minute events of the last `minutes` minutes up to `now`, all kinds together. */
  async perMinute(now: Date, minutes: number): Promise<Array<{ at: number; events: number }>> {
    const first = Math.floor(now.getTime() / 60_000) * 60_000 - (minutes - 1) * 60_000;
    const rows = await this.sql.query<{ at: number; events: string }>(
      `SELECT toUnixTimestamp(minute) AS at, sum(events) AS events FROM kpi_minute
       WHERE minute >= toDateTime({first:UInt32}) GROUP BY minute`,
      { first: first / 1000 },
    );
    const byMinute = new Map(rows.map((row) => [Number(row.at) * 1000, Number(row.events)]));
    return Array.from({ length: minutes }, (_, i) => {
      const at = first + i * 60_000;
      return { at, events: byMinute.get(at) ?? 0 };
    });
  }

  /** Counts per value of one facet, largest first. */
  async facet(window: DayWindow, facet: string, kinds?: readonly string[]): Promise<ValueCount[]> {
    const rows = await this.sql.query<{ value: string; label: string; events: string; measure: number }>(
      `SELECT value, any(label) AS label, sum(events) AS events, sum(measure) AS measure FROM kpi_facet_minute
       WHERE facet = {facet:String} ${kinds ? `AND ${inList('kind', 'kinds')}` : ''}
         AND minute >= toDateTime({startS:UInt32}) AND minute < toDateTime({endS:UInt32})
       GROUP BY value ORDER BY events DESC, value`,
      { ...windowParams(window), facet, kinds: kinds ?? [] },
    );
    return rows.map((row) => ({
      value: row.value,
      label: row.label,
      events: Number(row.events),
      measure: row.measure,
    }));
  }

  /** Counts per (kind) of one facet, e.g. grid events by source kind. */
  async facetByKind(window: DayWindow, facet: string) {
    const rows = await this.sql.query<{ kind: string; events: string }>(
      `SELECT kind, sum(events) AS events FROM kpi_facet_minute
       WHERE facet = {facet:String} AND minute >= toDateTime({startS:UInt32}) AND minute < toDateTime({endS:UInt32})
       GROUP BY kind`,
      { ...windowParams(window), facet },
    );
    return new Map(rows.map((row) => [row.kind, Number(row.events)]));
  }

  async facetHourly(window: DayWindow, facet: string, kinds?: readonly string[]): Promise<HourlyCount[]> {
    const rows = await this.sql.query<{ hour: number; value: string; events: string }>(
      `SELECT intDiv(toUnixTimestamp(minute) - {startS:UInt32}, 3600) AS hour, value, sum(events) AS events
       FROM kpi_facet_minute
       WHERE facet = {facet:String} ${kinds ? `AND ${inList('kind', 'kinds')}` : ''}
         AND minute >= toDateTime({startS:UInt32}) AND minute < toDateTime({endS:UInt32})
       GROUP BY hour, value`,
      { ...windowParams(window), facet, kinds: kinds ?? [] },
    );
    return rows.map((row) => ({ hour: Number(row.hour), value: row.value, events: Number(row.events) }));
  }

  async facetTowns(window: DayWindow, facet: string, kinds?: readonly string[]) {
    const rows = await this.sql.query<{ town_code: string; events: string }>(
      `SELECT town_code, sum(events) AS events FROM kpi_facet_minute
       WHERE facet = {facet:String} ${kinds ? `AND ${inList('kind', 'kinds')}` : ''} AND town_code != ''
         AND minute >= toDateTime({startS:UInt32}) AND minute < toDateTime({endS:UInt32})
       GROUP BY town_code ORDER BY events DESC, town_code`,
      { ...windowParams(window), facet, kinds: kinds ?? [] },
    );
    return rows.map((row) => ({ value: row.town_code, events: Number(row.events) }));
  }

  /** Newest minute in which a facet value was seen, per value (data-source freshness). */
  async facetLastSeen(window: DayWindow, facet: string) {
    const rows = await this.sql.query<{ value: string; events: string; last: number }>(
      `SELECT value, sum(events) AS events, toUnixTimestamp(max(minute)) AS last FROM kpi_facet_minute
       WHERE facet = {facet:String} AND minute >= toDateTime({startS:UInt32}) AND minute < toDateTime({endS:UInt32})
       GROUP BY value ORDER BY events DESC, value`,
      { ...windowParams(window), facet },
    );
    return rows.map((row) => ({ value: row.value, events: Number(row.events), lastMinute: Number(row.last) * 1000 }));
  }

  /**
   * Merged latest state per entity of a domain. `having` filters on the merged columns (first_at,
   * last_at, started_at, state, town_code, detail); bind its values through `params`.
   */
  async entities(
    domain: EntityDomain,
    options: { having?: string; params?: Record<string, unknown>; limit?: number; offset?: number } = {},
  ): Promise<EntityRow[]> {
    const rows = await this.sql.query<{
      entity: string;
      first_ms: string;
      last_ms: string;
      started_ms: string;
      state: string;
      town: string;
      detail: string;
      last_event_id: string;
    }>(
      `SELECT entity, toUnixTimestamp64Milli(first_at) AS first_ms, toUnixTimestamp64Milli(last_at) AS last_ms,
              toUnixTimestamp64Milli(started_at) AS started_ms, state, town_code AS town, detail, last_event_id
       FROM (${this.mergedSql()})
       ${options.having ? `WHERE ${options.having}` : ''}
       ORDER BY last_at DESC, entity
       ${options.limit !== undefined ? 'LIMIT {limit:UInt32} OFFSET {offset:UInt32}' : ''}`,
      { domain, limit: options.limit ?? 0, offset: options.offset ?? 0, ...options.params },
    );
    return rows.map((row) => ({
      entity: row.entity,
      firstAt: new Date(Number(row.first_ms)),
      lastAt: new Date(Number(row.last_ms)),
      startedAt: Number(row.started_ms) >= NO_START ? null : new Date(Number(row.started_ms)),
      state: row.state,
      townCode: row.town,
      detail: parseDetail(row.detail),
      lastEventId: row.last_event_id,
    }));
  }

  /** `SELECT <groupBy>, count() … GROUP BY` over merged entities of a domain. */
  async entityCounts(
    domain: EntityDomain,
    groupBy: string,
    options: { having?: string; params?: Record<string, unknown>; label?: string } = {},
  ): Promise<Array<{ value: string; label: string; state: string; count: number }>> {
    const rows = await this.sql.query<{ value: string; label: string; state: string; n: string }>(
      `SELECT ${groupBy} AS value, any(${options.label ?? "''"}) AS label, state, count() AS n
       FROM (${this.mergedSql()})
       ${options.having ? `WHERE ${options.having}` : ''}
       GROUP BY value, state ORDER BY n DESC, value, state`,
      { domain, ...options.params },
    );
    return rows.map((row) => ({ value: row.value, label: row.label, state: row.state, count: Number(row.n) }));
  }

  /** Free-form aggregation over merged entities: `SELECT <select> … GROUP BY <groupBy>`. */
  async entityGroups<T>(
    domain: EntityDomain,
    select: string,
    groupBy: string,
    options: { having?: string; params?: Record<string, unknown> } = {},
  ): Promise<T[]> {
    return this.sql.query<T>(
      `SELECT ${select} FROM (${this.mergedSql()}) ${options.having ? `WHERE ${options.having}` : ''}
       GROUP BY ${groupBy}`,
      { domain, ...options.params },
    );
  }

  async entityTotal(
    domain: EntityDomain,
    options: { having?: string; params?: Record<string, unknown> } = {},
  ): Promise<number> {
    const [row] = await this.sql.query<{ n: string }>(
      `SELECT count() AS n FROM (${this.mergedSql()}) ${options.having ? `WHERE ${options.having}` : ''}`,
      { domain, ...options.params },
    );
    return Number(row?.n ?? 0);
  }

  private mergedSql(): string {
    return `SELECT entity, min(first_at) AS first_at, max(last_at) AS last_at, min(started_at) AS started_at,
              argMaxMerge(state) AS state, argMaxMerge(town_code) AS town_code, argMaxMerge(detail) AS detail,
              argMaxMerge(last_event_id) AS last_event_id
       FROM entity_state WHERE domain = {domain:String} GROUP BY entity`;
  }
}

function parseDetail(text: string): Record<string, string> {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' ? (value as Record<string, string>) : {};
  } catch {
    return {};
  }
}
