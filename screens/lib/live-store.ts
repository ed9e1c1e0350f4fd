'use client';

import type { KpisData, LiveAlert, LiveChannel, LiveEvent, LiveOrder } from '@zhongshu/stream/contracts';
import { io, type Socket } from 'socket.io-client';
import { OpenOrders } from './open-orders';
import { wallParams } from './wall-params';

/**
 * The page's one connection to the live gateway (Socket.IO namespace `/live`, same origin).
 * Widgets never talk to the socket: they read this store. One socket and one subscription
 * per channel serve every widget, and incoming messages are buffered and applied once per
 * animation frame, so a burst of 200 deltas costs one state change and one render.
 */

export type Connection = 'connecting' | 'online' | 'offline';

export interface LiveState {
  readonly connection: Connection;
  /** Newest first, at most MAX_EVENTS (the map keeps this many points). */
  readonly events: readonly LiveEvent[];
  /** Events that arrived in deltas during the last applied frame (for arrival pulses); snapshots add none. */
  readonly arrivals: readonly LiveEvent[];
  readonly kpis: KpisData | null;
  /** Epoch ms of the newest event time seen, for the freshness indicator. */
  readonly newestEventAt: number | null;
  /** Recent alerts (critical events, device faults, overdue orders), newest first. */
  readonly alerts: readonly LiveAlert[];
  /** Alerts raised while the wall watched (deltas of the last applied frame); a snapshot adds none. */
  readonly alertArrivals: readonly LiveAlert[];
  /** Open work orders, most urgent first, at most MAX_OPEN_ORDERS (lib/open-orders.ts). */
  readonly orders: readonly LiveOrder[];
}

export const MAX_EVENTS = 2000;
export const MAX_ALERTS = 50;

type Listener = (state: LiveState, previous: LiveState) => void;

type Pending =
  | { channel: 'events'; kind: 'snapshot' | 'delta'; events: LiveEvent[] }
  | { channel: 'kpis'; kind: 'snapshot' | 'delta'; kpis: KpisData }
  | { channel: 'alerts'; kind: 'snapshot' | 'delta'; alerts: LiveAlert[] }
  | { channel: 'orders'; kind: 'snapshot' | 'delta'; orders: LiveOrder[] };

export const INITIAL_LIVE_STATE: LiveState = {
  connection: 'connecting',
  events: [],
  arrivals: [],
  kpis: null,
  newestEventAt: null,
  alerts: [],
  alertArrivals: [],
  orders: [],
};

/** Release the socket a little after the last widget leaves: React StrictMode remounts immediately. */
const RELEASE_DELAY_MS = 1500;

class LiveStore {
  private state: LiveState = INITIAL_LIVE_STATE;
  private readonly listeners = new Set<Listener>();
  private readonly wanted = new Map<LiveChannel, number>();
  /** Last applied seq per channel; null while waiting for a snapshot. */
  private readonly seq = new Map<LiveChannel, number | null>();
  private socket: Socket | null = null;
  private releaseTimer: ReturnType<typeof setTimeout> | null = null;
  private pending: Pending[] = [];
  private connection: Connection = 'connecting';
  private frameScheduled = false;
  private readonly ids = new Set<string>();
  private readonly openOrders = new OpenOrders();

  getState = (): LiveState => this.state;

  /** For widgets that draw outside React (the map): called after every applied frame. */
  listen = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /** Declares that a widget needs a channel; returns the release. Subscribes once per channel. */
  retain(channel: LiveChannel): () => void {
    if (this.releaseTimer) {
      clearTimeout(this.releaseTimer);
      this.releaseTimer = null;
    }
    const count = this.wanted.get(channel) ?? 0;
    this.wanted.set(channel, count + 1);
    if (!this.socket) this.open();
    else if (count === 0 && this.socket.connected) this.subscribe(channel);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.wanted.get(channel) ?? 1) - 1;
      if (left > 0) this.wanted.set(channel, left);
      else this.wanted.delete(channel);
      if (this.wanted.size === 0) this.releaseTimer = setTimeout(() => this.close(), RELEASE_DELAY_MS);
    };
  }

  private open(): void {
    const socket = io('/live', { transports: ['websocket'] });
    this.socket = socket;
    this.setConnection('connecting');
    socket.on('connect', () => {
      this.setConnection('online');
      // Every (re)connect starts from a fresh snapshot per channel.
      for (const channel of this.wanted.keys()) this.subscribe(channel);
    });
    socket.on('disconnect', (reason) => {
      this.setConnection('offline');
      this.seq.clear();
      // A server-side disconnect is not retried by socket.io itself.
      if (reason === 'io server disconnect') socket.connect();
    });
    socket.on('connect_error', () => this.setConnection('offline'));
    socket.on('snapshot', (message: unknown) => this.receive('snapshot', message));
    socket.on('delta', (message: unknown) => this.receive('delta', message));
  }

  private close(): void {
    this.releaseTimer = null;
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
    this.seq.clear();
    this.pending = [];
    this.ids.clear();
    this.openOrders.clear();
    this.connection = 'connecting';
    this.state = INITIAL_LIVE_STATE;
  }

  private subscribe(channel: LiveChannel): void {
    this.seq.set(channel, null);
    // A wall token (from the URL) lets an unattended display subscribe once auth is on.
    const { token } = wallParams();
    this.socket?.emit('subscribe', token ? { channel, token } : { channel });
  }

  private receive(kind: 'snapshot' | 'delta', message: unknown): void {
    if (!isMessage(message) || !this.wanted.has(message.channel)) return;
    const { channel, seq } = message;
    const last = this.seq.get(channel);
    if (kind === 'snapshot') {
      this.seq.set(channel, seq);
    } else {
      if (last === null || last === undefined) return; // a late delta of an older subscription
      if (seq !== last + 1) {
        this.subscribe(channel); // gap: ask again, the snapshot repairs the state
        return;
      }
      this.seq.set(channel, seq);
    }
    const data = message.data as Record<string, unknown> | null;
    if (channel === 'events') {
      const events = data && Array.isArray(data.events) ? (data.events as LiveEvent[]) : [];
      this.enqueue({ channel, kind, events });
    } else if (channel === 'alerts') {
      const alerts = data && Array.isArray(data.alerts) ? (data.alerts as LiveAlert[]) : [];
      this.enqueue({ channel, kind, alerts: alerts.filter(isAlert) });
    } else if (channel === 'orders') {
      const orders = data && Array.isArray(data.orders) ? (data.orders as LiveOrder[]) : [];
      this.enqueue({ channel, kind, orders });
    } else if (
      channel === 'kpis' &&
      data &&
      typeof data.day === 'string' &&
      data.totals &&
      typeof data.totals === 'object'
    ) {
      this.enqueue({ channel, kind, kpis: data as unknown as KpisData });
    }
  }

  private setConnection(connection: Connection): void {
    if (this.connection === connection) return;
    this.connection = connection;
    this.schedule();
  }

  private enqueue(item: Pending): void {
    this.pending.push(item);
    this.schedule();
  }

  private schedule(): void {
    if (this.frameScheduled) return;
    this.frameScheduled = true;
    // Hidden tabs get no animation frames; keep draining so the buffer cannot grow without bound.
    if (document.hidden) setTimeout(this.flush, 500);
    else requestAnimationFrame(this.flush);
  }

  private readonly flush = (): void => {
    this.frameScheduled = false;
    const batch = this.pending;
    this.pending = [];
    const previous = this.state;
    let { events, kpis, newestEventAt, alerts, orders } = previous;
    let arrivals: LiveEvent[] = [];
    let alertArrivals: LiveAlert[] = [];
    for (const item of batch) {
      if (item.channel === 'kpis') {
        kpis = item.kpis;
        continue;
      }
      if (item.channel === 'orders') {
        orders = this.openOrders.apply(item.kind, item.orders);
        continue;
      }
      if (item.channel === 'alerts') {
        if (item.kind === 'snapshot') {
          alerts = item.alerts.slice(0, MAX_ALERTS);
        } else {
          const known = new Set(alerts.map((alert) => alert.id));
          const fresh = item.alerts.filter((alert) => !known.has(alert.id));
          alertArrivals = fresh.concat(alertArrivals);
          alerts = fresh.concat(alerts).slice(0, MAX_ALERTS);
        }
        continue;
      }
      if (item.kind === 'snapshot') {
        // The snapshot is the truth for the newest events; what we hold from before it (older than
        // its oldest) stays, so a reconnect does not wipe the map's history.
        this.ids.clear();
        arrivals = [];
        const snapshot = dedupe(item.events, this.ids);
        const oldest = snapshot.reduce((min, e) => Math.min(min, Date.parse(e.time) || Infinity), Infinity);
        const kept = events.filter((e) => !this.ids.has(e.id) && Date.parse(e.time) < oldest);
        for (const e of kept) this.ids.add(e.id);
        events = snapshot.concat(kept);
      } else {
        const fresh = dedupe(item.events, this.ids);
        if (fresh.length === 0) continue;
        arrivals = fresh.concat(arrivals);
        events = fresh.concat(events);
      }
      if (events.length > MAX_EVENTS) {
        for (let i = MAX_EVENTS; i < events.length; i++) this.ids.delete(events[i].id);
        events = events.slice(0, MAX_EVENTS);
      }
      newestEventAt = newestTime(events, item.kind === 'snapshot' ? null : newestEventAt);
    }
    if (arrivals.length > MAX_EVENTS) arrivals = arrivals.slice(0, MAX_EVENTS);
    const next: LiveState = {
      connection: this.connection,
      events,
      arrivals,
      kpis,
      newestEventAt,
      alerts,
      alertArrivals,
      orders,
    };
    if (
      next.connection === previous.connection &&
      next.events === previous.events &&
      next.kpis === previous.kpis &&
      next.alerts === previous.alerts &&
      next.orders === previous.orders &&
      arrivals.length === 0 &&
      previous.arrivals.length === 0 &&
      alertArrivals.length === 0 &&
      previous.alertArrivals.length === 0
    ) {
      return;
    }
    this.state = next;
    for (const listener of this.listeners) listener(next, previous);
  };
}

function isMessage(value: unknown): value is { channel: LiveChannel; seq: number; data: unknown } {
  if (!value || typeof value !== 'object') return false;
  const m = value as Record<string, unknown>;
  return (
    (m.channel === 'events' || m.channel === 'kpis' || m.channel === 'alerts' || m.channel === 'orders') &&
    typeof m.seq === 'number' &&
    Number.isInteger(m.seq)
  );
}

function isAlert(value: unknown): value is LiveAlert {
  if (!value || typeof value !== 'object') return false;
  const a = value as Record<string, unknown>;
  return typeof a.id === 'string' && typeof a.titleZh === 'string' && typeof a.titleEn === 'string';
}

function dedupe(events: LiveEvent[], ids: Set<string>): LiveEvent[] {
  const out: LiveEvent[] = [];
  for (const event of events) {
    if (!event || typeof event.id !== 'string' || ids.has(event.id)) continue;
    ids.add(event.id);
    out.push(event);
  }
  return out;
}

function newestTime(events: readonly LiveEvent[], current: number | null): number | null {
  let newest = current;
  // Newest first, but producers' clocks differ: look at the head of the list, not just item 0.
  for (let i = 0; i < Math.min(events.length, 50); i++) {
    const ms = Date.parse(events[i].time);
    if (Number.isFinite(ms) && (newest === null || ms > newest)) newest = ms;
  }
  return newest;
}

let store: LiveStore | null = null;

/** The page-wide store, created on first use in the browser. */
export function liveStore(): LiveStore {
  store ??= new LiveStore();
  return store;
}
