import { Inject } from '@nestjs/common';
import {
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
  MessageBody,
  ConnectedSocket,
} from '@nestjs/websockets';
import {
  LIVE_NAMESPACE,
  subscribeRequest,
  type LiveChannel,
  type LiveDataByChannel,
  type LiveMessage,
  type LivePublisher,
  type LiveOrder,
} from '@zhongshu/stream';
import type { Namespace, Socket } from 'socket.io';
import { actorOf, type Principal } from '../auth/principal';
import { TokenVerifier } from '../auth/token-verifier';
import { ApiError } from '../http/api-error';
import { RUNTIME, type Runtime } from '../runtime';
import type { OrderRoomPublisher, OrderUpdate } from '../work-orders/order-live';
import { scopeOf, type OrderScope } from '../work-orders/order-visibility';
import { LiveSnapshotService } from './live-snapshot.service';

/** Rooms of the `orders` channel: everything, one street, one unit. A subscriber joins exactly one. */
const ORDERS_ALL = 'orders';
const townRoom = (code: string) => `orders@town:${code}`;
const unitRoom = (code: string) => `orders@unit:${code}`;

function roomOf(scope: OrderScope): string {
  return scope.kind === 'all'
    ? ORDERS_ALL
    : scope.kind === 'town'
      ? townRoom(scope.townCode)
      : unitRoom(scope.department);
}

/**
 * Snapshot, then deltas with per-room sequence numbers. The snapshot's seq is taken in the same tick as
 * the socket joins the room, so the first delta it gets is exactly seq + 1. Every channel is
 * wall-readable (a token in `subscribe`, or the handshake's `auth.token`; none needed in demo mode).
 * `orders` is scoped: a liaison's socket joins its unit's room, a street user's its street's, the centre,
 * leaders and walls the whole district's, so each room's deltas carry only what its members may see and
 * its seq counts only those deltas.
 */
@WebSocketGateway({ namespace: LIVE_NAMESPACE, cors: false, serveClient: false })
export class LiveGateway implements OnGatewayInit, LivePublisher, OrderRoomPublisher {
  private namespace: Namespace | undefined;
  /** Per room; a channel's room is the channel itself except for the scoped `orders` rooms. */
  private readonly seq = new Map<string, number>();

  constructor(
    @Inject(LiveSnapshotService) private readonly snapshots: LiveSnapshotService,
    @Inject(TokenVerifier) private readonly verifier: TokenVerifier,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  afterInit(namespace: Namespace): void {
    this.namespace = namespace;
    this.runtime.workOrders.live.attach(this);
  }

  publish<C extends LiveChannel>(channel: C, data: LiveDataByChannel[C]): void {
    this.emit(channel, channel, data);
  }

  publishOrders(updates: readonly OrderUpdate[]): void {
    const byRoom = new Map<string, LiveOrder[]>();
    const add = (room: string, order: LiveOrder) => {
      const list = byRoom.get(room);
      if (list) list.push(order);
      else byRoom.set(room, [order]);
    };
    for (const update of updates) {
      add(ORDERS_ALL, update.order);
      if (update.townCode) add(townRoom(update.townCode), update.order);
      for (const department of update.departments) add(unitRoom(department), update.order);
    }
    for (const [room, orders] of byRoom) this.emit('orders', room, { orders });
  }

  @SubscribeMessage('subscribe')
  async subscribe(@MessageBody() body: unknown, @ConnectedSocket() socket: Socket): Promise<void> {
    const request = subscribeRequest.safeParse(body);
    if (!request.success) {
      socket.emit('live-error', {
        code: 'INVALID_SUBSCRIPTION',
        message: 'unknown channel',
        messageZh: '未知的订阅频道',
      });
      return;
    }
    const { channel } = request.data;
    let room: string = channel;
    let scope: OrderScope | undefined;
    try {
      const principal = await this.verifier.authorizeWallRead(request.data.token ?? handshakeToken(socket));
      if (channel === 'orders') {
        scope = ordersScope(principal);
        room = roomOf(scope);
      }
    } catch (error) {
      const refusal = error instanceof ApiError ? error : undefined;
      socket.emit('live-error', {
        channel,
        code: refusal?.code ?? 'SUBSCRIPTION_REFUSED',
        message: refusal?.message ?? 'subscription refused',
        messageZh: refusal?.messageZh ?? '订阅被拒绝',
      });
      return;
    }
    await this.leave(socket, channel);
    const data = scope ? await this.snapshots.orders(scope) : await this.snapshots.snapshot(channel);
    socket.emit('snapshot', { channel, seq: this.seq.get(room) ?? 0, data });
    await socket.join(room);
  }

  @SubscribeMessage('unsubscribe')
  async unsubscribe(@MessageBody() body: unknown, @ConnectedSocket() socket: Socket): Promise<void> {
    const request = subscribeRequest.safeParse(body);
    if (request.success) await this.leave(socket, request.data.channel);
  }

  connectedClients(): number {
    return this.namespace?.sockets.size ?? 0;
  }

  private emit<C extends LiveChannel>(channel: C, room: string, data: LiveDataByChannel[C]): void {
    const seq = (this.seq.get(room) ?? 0) + 1;
    this.seq.set(room, seq);
    const message: LiveMessage<C> = { channel, seq, data };
    this.namespace?.to(room).emit('delta', message);
  }

  /** Leaves the channel's room, and for `orders` whichever scoped room the socket was in. */
  private async leave(socket: Socket, channel: LiveChannel): Promise<void> {
    const rooms =
      channel === 'orders' ? [...socket.rooms].filter((r) => r === ORDERS_ALL || r.startsWith('orders@')) : [channel];
    for (const room of rooms) await socket.leave(room);
  }
}

function handshakeToken(socket: Socket): string | undefined {
  const token = (socket.handshake.auth as Record<string, unknown> | undefined)?.token;
  return typeof token === 'string' && token.length > 0 ? token : undefined;
}

/** An anonymous demo wall or a wall token sees the district; a user what their role and binding allow. */
function ordersScope(principal: Principal | undefined): OrderScope {
  if (!principal || principal.kind === 'wall') return { kind: 'all' };
  const scope = scopeOf(actorOf(principal));
  if (!scope) {
    throw new ApiError(403, 'FORBIDDEN_CHANNEL', 'this role sees no work orders', '当前角色无权订阅工单频道');
  }
  return scope;
}
