import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { clientMessage } from './alarm-stream.protocol';

export interface AlarmStreamServerOptions {
  /** 0 (default) picks a free port; after `stop()` a new `start()` binds the same one again. */
  port?: number;
  host?: string;
  /** When set, the upgrade must carry `Authorization: Bearer <token>` (else 401). */
  token?: string;
  /** Alarms kept for resuming clients (10 000); older ones are forgotten. */
  retain?: number;
}

interface Entry {
  id: number;
  frame: string;
}

/**
 * A small security platform for specs and the demo: keeps a log of alarms with increasing ids
 * (`"1"`, `"2"`, …), replays what a client resumes after, then streams new ones live
 * (protocol: `alarm-stream.protocol.ts`). The log survives `stop()`/`start()`, like a platform restart.
 */
export class AlarmStreamServer {
  private server: WebSocketServer | undefined;
  private readonly entries: Entry[] = [];
  private nextId = 1;
  private readonly sockets = new Set<WebSocket>();
  /** Clients that sent `resume`: they get live alarms. */
  private readonly subscribers = new Set<WebSocket>();
  private boundPort: number;
  private readonly host: string;
  /** Every `after` clients resumed with, in order (`null` for "from the start"). */
  readonly resumes: Array<string | null> = [];
  /** The highest id any client acknowledged. */
  lastAck: string | undefined;

  constructor(private readonly options: AlarmStreamServerOptions = {}) {
    this.boundPort = options.port ?? 0;
    this.host = options.host ?? '127.0.0.1';
  }

  get port(): number {
    return this.boundPort;
  }

  get url(): string {
    return `ws://${this.host.includes(':') ? `[${this.host}]` : this.host}:${this.boundPort}`;
  }

  get running(): boolean {
    return this.server !== undefined;
  }

  /** Connected clients. */
  get connections(): number {
    return this.sockets.size;
  }

  /** The id the next `publish` gets minus one: how many alarms were ever published. */
  get lastId(): string | undefined {
    return this.nextId > 1 ? String(this.nextId - 1) : undefined;
  }

  async start(): Promise<void> {
    if (this.server) return;
    const { token } = this.options;
    const server = new WebSocketServer({
      port: this.boundPort,
      host: this.host,
      verifyClient: token
        ? (info: { req: { headers: Record<string, unknown> } }) => info.req.headers.authorization === `Bearer ${token}`
        : undefined,
    });
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
    server.on('error', () => undefined);
    this.boundPort = (server.address() as AddressInfo).port;
    server.on('connection', (socket) => this.onConnection(socket));
    this.server = server;
  }

  /** Appends an alarm (a `SafetyAlarmPush`, or anything for a spec) to the log and sends it to resumed clients. */
  publish(alarm: unknown): string {
    const id = this.nextId++;
    const frame = JSON.stringify({ type: 'alarm', id: String(id), alarm });
    this.entries.push({ id, frame });
    const retain = this.options.retain ?? 10_000;
    if (this.entries.length > retain) this.entries.splice(0, this.entries.length - retain);
    for (const socket of this.subscribers) if (socket.readyState === WebSocket.OPEN) socket.send(frame);
    return String(id);
  }

  /** Sends a raw text frame to resumed clients, outside the log (a broken frame, a heartbeat…). */
  sendRaw(text: string): void {
    for (const socket of this.subscribers) if (socket.readyState === WebSocket.OPEN) socket.send(text);
  }

  /** Stops reading from connected clients (no pongs, no acks), like a hung platform or a dead link. */
  freeze(): void {
    for (const socket of this.sockets) socket.pause();
  }

  /** Drops every connection at once (like a crash or a network cut) and stops listening. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    for (const socket of this.sockets) socket.terminate();
    this.sockets.clear();
    this.subscribers.clear();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private onConnection(socket: WebSocket): void {
    this.sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.sockets.delete(socket);
      this.subscribers.delete(socket);
    });
    socket.on('message', (data: Buffer) => {
      let message: unknown;
      try {
        message = JSON.parse(data.toString('utf8'));
      } catch {
        return;
      }
      const parsed = clientMessage.safeParse(message);
      if (!parsed.success) return;
      if (parsed.data.type === 'ack') {
        if (this.lastAck === undefined || Number(parsed.data.id) > Number(this.lastAck)) this.lastAck = parsed.data.id;
        return;
      }
      const { after } = parsed.data;
      this.resumes.push(after);
      const from = after === null || Number.isNaN(Number(after)) ? 0 : Number(after);
      // Replay and subscribe in one synchronous step, so no alarm published meanwhile is missed or sent twice.
      for (const entry of this.entries) if (entry.id > from) socket.send(entry.frame);
      this.subscribers.add(socket);
    });
  }
}
