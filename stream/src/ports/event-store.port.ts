import type { CityEvent, SourceKind } from '../contracts/city-event';

/** An event after enrichment, ready for the warehouse. */
export interface StoredEvent {
  event: CityEvent;
  kind: SourceKind;
  /** WGS-84 position used for maps and spatial queries; absent when the event has no location. */
  wgs84?: { lng: number; lat: number };
  ingestedAt: Date;
}

export interface EventQuery {
  kind?: SourceKind;
  type?: string;
  /** Matches the county code, the town code or the grid code. */
  region?: string;
  from?: Date;
  to?: Date;
  /** Matches the CloudEvents `source` attribute exactly, e.g. `/open311`. */
  source?: string;
  category?: string;
  limit: number;
  /** Rows to skip (paging). */
  offset?: number;
}

export interface KpiOverview {
  /** City-local day, YYYY-MM-DD. */
  day: string;
  totals: Record<SourceKind, number>;
  /** Per-minute counts per source kind, oldest first. */
  trend: Array<{ minute: string; counts: Record<SourceKind, number> }>;
}

/** The warehouse side of events: append-only, idempotent by batch token. */
export interface EventStore {
  migrate(): Promise<void>;
  /** Durable when the promise resolves. `token` makes a retried batch a no-op. */
  append(batch: readonly StoredEvent[], token: string): Promise<void>;
  query(query: EventQuery): Promise<CityEvent[]>;
  /** The event with this id, or undefined. */
  getById(id: string): Promise<CityEvent | undefined>;
  kpiOverview(now: Date, trendMinutes: number): Promise<KpiOverview>;
  /**
   * A crash between the events insert and its materialized-view insert leaves the per-minute KPIs
   * short. Recounts the minutes touched by the last ingests and adds what is missing; a no-op when
   * they agree. Returns how many events were added back.
   */
  reconcileKpis(windowMinutes: number): Promise<number>;
  /** Ids ingested since `since`, newest first, at most `limit`: rebuilds the dedupe window after a restart. */
  recentIds(since: Date, limit: number): Promise<string[]>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface DeadLetter {
  id: string;
  receivedAt: Date;
  /** Which boundary rejected it, e.g. `http:/api/v1/events`. */
  origin: string;
  reason: string;
  /** The payload as received: text as is, binary as base64. */
  raw: string;
  encoding: 'utf8' | 'base64';
  /** When a replay stored it; absent while it still waits for a fix. */
  replayedAt?: Date;
}

export type ReplayOutcome = 'stored' | 'rejected';

export interface DeadLetterStore {
  put(letters: readonly DeadLetter[]): Promise<void>;
  list(limit: number): Promise<DeadLetter[]>;
  get(id: string): Promise<DeadLetter | undefined>;
  recordReplay(id: string, at: Date, outcome: ReplayOutcome, detail: string): Promise<void>;
}
