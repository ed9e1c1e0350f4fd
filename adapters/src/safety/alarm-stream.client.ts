import { BackpressureError, describeIssues, type DeadLetter, type ItemResult } from '@zhongshu/stream';
import { WebSocket, type RawData } from 'ws';
import { AdapterCounters, type Adapter } from '../shared/adapter-stats';
import type { IngestSink } from '../shared/ingest-sink';
import { deliver, normalise, readLetter, type Prepared } from '../urban/push-kit';
import { alarmMessage } from './alarm-stream.protocol';
import { SAFETY_STREAM_SOURCE, safetyAlarmToCityEvent } from './safety.mapping';
import { safetyAlarmPush, type SafetyAlarmPush } from './safety.schema';

export interface Backoff {
  /** First delay. */
  minMs?: number;
  /** Ceiling the doubling stops at. */
  maxMs?: number;
}

export interface SafetyAlarmStreamClientOptions {
  /** `ws://…` or `wss://…` of the platform's alarm stream. */
  url: string;
  /** Sent as `Authorization: Bearer <token>` on the upgrade request. */
  token?: string;
  sink: IngestSink;
  /** The id of the last alarm stored durably before this process started: where a restart resumes. */
  loadLastId?: () => Promise<string | undefined> | string | undefined;
  /** Called with the last id of each batch once it is durable; persist it for `loadLastId`. */
  saveLastId?: (id: string) => Promise<void> | void;
  /** Reconnect delays after the socket closes: doubling from `minMs` (500) to `maxMs` (30 000), with jitter. */
  reconnect?: Backoff;
  /** Retry delays when `submit` fails for another reason than backpressure (e.g. the warehouse is down). */
  retry?: Backoff;
  /** How long alarms wait to fill a batch (20 ms). */
  batchMs?: number;
  /** Alarms per submit (500). */
  maxBatch?: number;
  /** Stop reading from the socket when this many alarms wait to be submitted (2 000). */
  highWater?: number;
  /**
   * WebSocket ping interval (30 000 ms; 0 = off). A connection that leaves a ping unanswered until the next
   * one is dropped and reconnected: a half-open TCP connection would otherwise look alive for hours.
   */
  heartbeatMs?: number;
  /** Region code for alarms without a position or `areaCode`. */
  areaCode?: string;
  /** CloudEvents `source` of the events; default `/safety/alarm-stream`. */
  source?: string;
  /** Share counters with the safety HTTP push adapter. */
  counters?: AdapterCounters;
  log?: (message: string, error?: unknown) => void;
  /** Jitter source, in [0, 1). */
  random?: () => number;
}

/** One frame received and not yet answered: an alarm, or input that never became one (`reason`). */
interface Frame {
  id?: string;
  raw: unknown;
  reason?: string;
  ticket: number;
}

/** A connection that lasted this long counts as good: the next reconnect starts from the shortest delay again. */
const STABLE_MS = 5_000;

/**
 * Client of a security platform's alarm stream (our JSON protocol, see `alarm-stream.protocol.ts`).
 * Alarms are batched for a few ms and submitted; the last id advances, is saved and is acknowledged only
 * after `submit` resolved, so a crash or a dropped socket redelivers from there (ids are deterministic,
 * so a redelivery is stored once). On `BackpressureError` the socket stops being read and the same batch
 * is retried: nothing is dropped.
 */
export class SafetyAlarmStreamClient implements Adapter {
  readonly counters: AdapterCounters;
  private socket: WebSocket | undefined;
  private lastId: string | undefined;
  private pending: Frame[] = [];
  private draining: Promise<void> | undefined;
  private flushTimer: NodeJS.Timeout | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private attempt = 0;
  private openedAt = 0;
  private running = false;
  private stopping = new AbortController();
  /** `ws://host:port/path` of the platform: the origin of this client's dead letters (and its replayer prefix). */
  readonly origin: string;
  private readonly log: (message: string, error?: unknown) => void;
  private readonly random: () => number;

  constructor(private readonly options: SafetyAlarmStreamClientOptions) {
    this.counters = options.counters ?? new AdapterCounters('safety-stream');
    const url = new URL(options.url);
    if (url.protocol !== 'ws:' && url.protocol !== 'wss:') throw new Error(`alarm stream url must be ws:// or wss://`);
    // The origin names the platform in dead letters; never a credential that may sit in the query.
    this.origin = `${url.protocol}//${url.host}${url.pathname}`;
    this.log = options.log ?? ((message, error) => console.warn(`[safety alarm stream] ${message}`, error ?? ''));
    this.random = options.random ?? Math.random;
  }

  /** The id of the last alarm stored durably (what a reconnect resumes after). */
  get lastStoredId(): string | undefined {
    return this.lastId;
  }

  get connected(): boolean {
    return this.counters.connected === true;
  }

  /** Loads the resume point and starts connecting; a platform that is down is retried for ever. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.stopping = new AbortController();
    this.counters.connected = false;
    const loaded = await this.options.loadLastId?.();
    if (loaded !== undefined && loaded !== null && String(loaded) !== '') this.lastId = String(loaded);
    this.connect();
  }

  /** Closes the socket. A batch being submitted finishes (and is saved); waiting alarms are left for the next resume. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.stopping.abort();
    clearTimeout(this.reconnectTimer);
    clearInterval(this.heartbeat);
    const socket = this.socket;
    this.socket = undefined;
    this.dropPending();
    socket?.close(1001, 'going away');
    await this.draining;
    this.counters.connected = false;
  }

  private connect(): void {
    if (!this.running) return;
    const headers: Record<string, string> = this.options.token ? { Authorization: `Bearer ${this.options.token}` } : {};
    const socket = new WebSocket(this.options.url, { headers, handshakeTimeout: 10_000 });
    this.socket = socket;
    socket.on('open', () => this.onOpen(socket));
    socket.on('message', (data, isBinary) => this.onFrame(socket, data, isBinary));
    socket.on('error', (error) => {
      if (socket === this.socket) this.log(`connection error: ${error.message}`);
    });
    socket.on('close', () => this.onClose(socket));
  }

  private onOpen(socket: WebSocket): void {
    if (socket !== this.socket) return;
    this.openedAt = Date.now();
    this.counters.connected = true;
    this.startHeartbeat(socket);
    void this.resume(socket);
  }

  /** Resume only once the batch in flight settled, so `after` is the true last stored id and nothing comes twice. */
  private async resume(socket: WebSocket): Promise<void> {
    await this.draining;
    if (socket !== this.socket || socket.readyState !== WebSocket.OPEN) return;
    socket.send(JSON.stringify({ type: 'resume', after: this.lastId ?? null }));
  }

  private startHeartbeat(socket: WebSocket): void {
    const every = this.options.heartbeatMs ?? 30_000;
    clearInterval(this.heartbeat);
    if (every <= 0) return;
    let answered = true;
    socket.on('pong', () => (answered = true));
    this.heartbeat = setInterval(() => {
      // While reading is paused for backpressure the pong cannot be read either: not a dead peer.
      if (socket !== this.socket || socket.isPaused) return;
      if (!answered) {
        this.log('no pong from the platform: reconnecting');
        socket.terminate();
        return;
      }
      answered = false;
      socket.ping();
    }, every);
  }

  private onFrame(socket: WebSocket, data: RawData, isBinary: boolean): void {
    if (socket !== this.socket) return;
    const bytes = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
    const raw = isBinary ? bytes : bytes.toString('utf8');
    let message: unknown;
    try {
      message = JSON.parse(bytes.toString('utf8'));
    } catch (error) {
      this.enqueue({ raw, reason: `alarm stream frame is not JSON: ${(error as Error).message}` });
      return;
    }
    // Control frames of other types (heartbeats…) are not alarms.
    const type = typeof message === 'object' && message !== null ? (message as { type?: unknown }).type : undefined;
    if (type !== 'alarm') {
      if (type === undefined) this.enqueue({ raw, reason: 'alarm stream frame without a type' });
      return;
    }
    const parsed = alarmMessage.safeParse(message);
    if (!parsed.success) {
      this.enqueue({ raw, reason: `alarm message: ${describeIssues(parsed.error)}` });
      return;
    }
    this.enqueue({ id: parsed.data.id, raw: parsed.data.alarm });
  }

  private enqueue(frame: Omit<Frame, 'ticket'>): void {
    this.pending.push({ ...frame, ticket: this.counters.receive() });
    if (this.pending.length >= (this.options.highWater ?? 2_000)) this.pauseReading();
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.draining || this.pending.length === 0) return;
    if (this.pending.length >= this.maxBatch) {
      clearTimeout(this.flushTimer);
      this.flushTimer = undefined;
      this.startDrain();
      return;
    }
    this.flushTimer ??= setTimeout(() => {
      this.flushTimer = undefined;
      this.startDrain();
    }, this.options.batchMs ?? 20);
  }

  private startDrain(): void {
    if (this.draining || this.pending.length === 0) return;
    this.draining = this.drain().finally(() => {
      this.draining = undefined;
      this.scheduleFlush();
    });
  }

  private get maxBatch(): number {
    return this.options.maxBatch ?? 500;
  }

  private async drain(): Promise<void> {
    while (this.running && this.pending.length > 0) {
      const socket = this.socket;
      const batch = this.pending.splice(0, this.maxBatch);
      await this.deliverBatch(batch, socket);
    }
  }

  private async deliverBatch(batch: Frame[], socket: WebSocket | undefined): Promise<void> {
    const prepared: Prepared[] = batch.map((frame) =>
      frame.reason !== undefined
        ? { ok: false, reason: frame.reason, raw: frame.raw }
        : { ...this.normalise(frame.raw), raw: frame.raw },
    );
    for (let attempt = 0; ; attempt++) {
      try {
        const results = await deliver(this.options.sink, prepared, this.origin);
        batch.forEach((frame, i) => this.counters.done(frame.ticket, results[i] ? [results[i]] : []));
        await this.advance(batch, socket);
        return;
      } catch (error) {
        // Not stored, so not acknowledged: stop reading and retry the very same batch.
        this.pauseReading();
        const delay =
          error instanceof BackpressureError
            ? Math.max(error.retryAfterSeconds * 1000, this.options.retry?.minMs ?? 100)
            : this.backoff(attempt, this.options.retry, 200, 10_000);
        if (!(error instanceof BackpressureError)) this.log(`submit failed, retrying in ${delay} ms`, error);
        if (!(await this.sleep(delay))) {
          // Stopping: the batch stays unacknowledged and comes again after the next resume.
          for (const frame of batch) this.counters.done(frame.ticket);
          return;
        }
      }
    }
  }

  /**
   * Sends one of this client's dead letters through the safety mapping again (register it in
   * `runtime.replayers` under `origin`). A whole frame that was kept is unwrapped to its alarm.
   */
  async replay(letter: Pick<DeadLetter, 'raw' | 'encoding' | 'origin'>): Promise<ItemResult[]> {
    const items = readLetter(letter);
    if (!Array.isArray(items)) return [items];
    const prepared: Prepared[] = items.map((item) => {
      const frame = item as { type?: unknown; alarm?: unknown } | null;
      const raw = typeof frame === 'object' && frame?.type === 'alarm' && 'alarm' in frame ? frame.alarm : item;
      return { ...this.normalise(raw), raw };
    });
    const results = await deliver(this.options.sink, prepared, `replay:${letter.origin}`, { deadLetterInvalid: false });
    this.counters.record(results);
    return results;
  }

  private normalise(raw: unknown) {
    return normalise(safetyAlarmPush, (item: SafetyAlarmPush) => this.toCityEvent(item), raw);
  }

  private toCityEvent(item: SafetyAlarmPush) {
    return safetyAlarmToCityEvent(item, {
      source: this.options.source ?? SAFETY_STREAM_SOURCE,
      areaCode: this.options.areaCode,
    });
  }

  private async advance(batch: readonly Frame[], socket: WebSocket | undefined): Promise<void> {
    const last = batch.findLast((frame) => frame.id !== undefined)?.id;
    if (last !== undefined) {
      this.lastId = last;
      try {
        await this.options.saveLastId?.(last);
      } catch (error) {
        // The alarms are durable already; an old cursor only means a longer (deduplicated) replay after a restart.
        this.log('could not save the resume point', error);
      }
      if (socket && socket === this.socket && socket.readyState === WebSocket.OPEN) {
        socket.send(JSON.stringify({ type: 'ack', id: last }));
      }
    }
    if (this.pending.length < (this.options.highWater ?? 2_000) / 2) this.resumeReading();
  }

  private pauseReading(): void {
    const socket = this.socket;
    if (socket && !socket.isPaused) socket.pause();
  }

  private resumeReading(): void {
    const socket = this.socket;
    if (socket?.isPaused) socket.resume();
  }

  private onClose(socket: WebSocket): void {
    if (socket !== this.socket) return;
    this.socket = undefined;
    clearInterval(this.heartbeat);
    this.counters.connected = false;
    // Not submitted yet: the resume after the last stored id brings them again.
    this.dropPending();
    if (!this.running) return;
    if (this.openedAt > 0 && Date.now() - this.openedAt >= STABLE_MS) this.attempt = 0;
    this.openedAt = 0;
    const delay = this.backoff(this.attempt++, this.options.reconnect, 500, 30_000);
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }

  private dropPending(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    for (const frame of this.pending) this.counters.done(frame.ticket);
    this.pending = [];
  }

  /** Exponential, capped, with "equal jitter": half the delay fixed, half random. */
  private backoff(attempt: number, bounds: Backoff | undefined, minMs: number, maxMs: number): number {
    const min = bounds?.minMs ?? minMs;
    const max = Math.max(min, bounds?.maxMs ?? maxMs);
    const capped = Math.min(max, min * 2 ** Math.min(attempt, 30));
    return Math.round(capped / 2 + (this.random() * capped) / 2);
  }

  /** False when `stop()` interrupted the wait. */
  private sleep(ms: number): Promise<boolean> {
    const signal = this.stopping.signal;
    if (signal.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve(true);
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        resolve(false);
      };
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}
