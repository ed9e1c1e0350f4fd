import type { ItemResult } from '@zhongshu/stream';

export interface AdapterStats {
  /** e.g. `mqtt`, `opcua`, `hotline`, `open311`, `urban`, `safety`, `approvals`. */
  adapter: string;
  received: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  /** Age of the oldest message received but not yet acknowledged to its source. */
  lagMs: number;
  /** For adapters that hold a connection (MQTT, OPC UA, WebSocket). */
  connected?: boolean;
}

/** Per-adapter counters for /api/health and /metrics; one instance per adapter. */
export class AdapterCounters {
  private received = 0;
  private accepted = 0;
  private rejected = 0;
  private duplicates = 0;
  private readonly inFlight = new Map<number, number>();
  private nextTicket = 0;
  connected: boolean | undefined;

  constructor(readonly adapter: string) {}

  /** Call when input arrives; returns a ticket to pass to `done` once the source was answered. */
  receive(count = 1): number {
    this.received += count;
    const ticket = this.nextTicket++;
    this.inFlight.set(ticket, Date.now());
    return ticket;
  }

  done(ticket: number, results: readonly ItemResult[] = []): void {
    this.inFlight.delete(ticket);
    this.record(results);
  }

  record(results: readonly ItemResult[]): void {
    for (const result of results) {
      if (result.status === 'stored') this.accepted += 1;
      else if (result.status === 'duplicate') this.duplicates += 1;
      else this.rejected += 1;
    }
  }

  /** Input rejected before it became an item (bad signature, undecodable payload…). */
  reject(count = 1): void {
    this.rejected += count;
  }

  stats(): AdapterStats {
    let oldest = Infinity;
    for (const started of this.inFlight.values()) oldest = Math.min(oldest, started);
    return {
      adapter: this.adapter,
      received: this.received,
      accepted: this.accepted,
      rejected: this.rejected,
      duplicates: this.duplicates,
      lagMs: oldest === Infinity ? 0 : Date.now() - oldest,
      ...(this.connected === undefined ? {} : { connected: this.connected }),
    };
  }
}

/** What every adapter exposes to the process that runs it. */
export interface Adapter {
  readonly counters: AdapterCounters;
  start(): Promise<void>;
  stop(): Promise<void>;
}
