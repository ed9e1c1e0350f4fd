'use client';

import type { LiveOrder } from '@zhongshu/stream/contracts';
import { io, type Socket } from 'socket.io-client';

/**
 * Open work orders for the map, from the `orders` live channel (snapshot, then deltas with seq + 1;
 * a gap subscribes again). The page's shared live store (lib/live-store.ts) carries `events` and `kpis`;
 * until it carries `orders` too, the map holds this one extra subscription, opened only while an
 * orders layer is shown and shared by every map on the page. Messages are applied once per animation
 * frame. The channel needs a token (orders are scoped data): without one the layer stays empty.
 */

/** Statuses after which an order leaves the open set (stream/src/contracts/live.ts). */
const CLOSED = new Set(['closed', 'evaluated', 'invalid', 'merged']);
const RELEASE_DELAY_MS = 1500;

type Listener = (orders: readonly LiveOrder[]) => void;

class OrdersFeed {
  private socket: Socket | null = null;
  private readonly listeners = new Set<Listener>();
  private readonly byId = new Map<string, LiveOrder>();
  private seq: number | null = null;
  private pending: Array<{ kind: 'snapshot' | 'delta'; orders: LiveOrder[] }> = [];
  private frame = 0;
  private snapshotList: readonly LiveOrder[] = [];
  private releaseTimer: ReturnType<typeof setTimeout> | null = null;
  private token: string | undefined;

  listen(listener: Listener, token: string | undefined): () => void {
    if (this.releaseTimer) {
      clearTimeout(this.releaseTimer);
      this.releaseTimer = null;
    }
    this.listeners.add(listener);
    if (!this.socket || token !== this.token) this.open(token);
    listener(this.snapshotList);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.releaseTimer = setTimeout(() => this.close(), RELEASE_DELAY_MS);
    };
  }

  private open(token: string | undefined): void {
    this.close();
    this.token = token;
    const socket = io('/live', { transports: ['websocket'] });
    this.socket = socket;
    socket.on('connect', () => this.subscribe());
    socket.on('disconnect', (reason) => {
      this.seq = null;
      if (reason === 'io server disconnect') socket.connect();
    });
    socket.on('snapshot', (message: unknown) => this.receive('snapshot', message));
    socket.on('delta', (message: unknown) => this.receive('delta', message));
  }

  private close(): void {
    this.releaseTimer = null;
    this.socket?.removeAllListeners();
    this.socket?.disconnect();
    this.socket = null;
    this.seq = null;
    this.pending = [];
    this.byId.clear();
    this.snapshotList = [];
    cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  private subscribe(): void {
    this.seq = null;
    this.socket?.emit('subscribe', this.token ? { channel: 'orders', token: this.token } : { channel: 'orders' });
  }

  private receive(kind: 'snapshot' | 'delta', message: unknown): void {
    if (!message || typeof message !== 'object') return;
    const { channel, seq, data } = message as { channel?: unknown; seq?: unknown; data?: unknown };
    if (channel !== 'orders' || typeof seq !== 'number') return;
    if (kind === 'snapshot') this.seq = seq;
    else {
      if (this.seq === null) return;
      if (seq !== this.seq + 1) return this.subscribe();
      this.seq = seq;
    }
    const orders = (data as { orders?: unknown } | null)?.orders;
    this.pending.push({ kind, orders: Array.isArray(orders) ? (orders as LiveOrder[]) : [] });
    if (!this.frame) this.frame = requestAnimationFrame(this.flush);
  }

  private readonly flush = (): void => {
    this.frame = 0;
    const batch = this.pending;
    this.pending = [];
    for (const item of batch) {
      if (item.kind === 'snapshot') this.byId.clear();
      for (const order of item.orders) {
        if (!order || typeof order.id !== 'string') continue;
        const known = this.byId.get(order.id);
        if (known && known.version > order.version) continue; // an older update arriving late
        if (CLOSED.has(order.status)) this.byId.delete(order.id);
        else this.byId.set(order.id, order);
      }
    }
    this.snapshotList = [...this.byId.values()];
    for (const listener of this.listeners) listener(this.snapshotList);
  };
}

let feed: OrdersFeed | null = null;

/** Calls `listener` with the open orders now and after every applied frame; returns the unsubscribe. */
export function listenToOrders(listener: Listener, token?: string): () => void {
  feed ??= new OrdersFeed();
  return feed.listen(listener, token);
}
