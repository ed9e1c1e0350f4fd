import { Inject } from '@nestjs/common';
import {
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
  MessageBody,
  ConnectedSocket,
} from '@nestjs/websockets';
import {
  LIVE_CHANNELS,
  LIVE_NAMESPACE,
  subscribeRequest,
  type LiveChannel,
  type LiveDataByChannel,
  type LiveMessage,
  type LivePublisher,
} from '@zhongshu/stream';
import type { Namespace, Socket } from 'socket.io';
import { LiveSnapshotService } from './live-snapshot.service';

/**
 * Snapshot, then deltas with per-channel sequence numbers. The snapshot's seq is taken in the same
 * tick as the socket joins the room, so the first delta it gets is exactly seq + 1.
 */
@WebSocketGateway({ namespace: LIVE_NAMESPACE, cors: false, serveClient: false })
export class LiveGateway implements OnGatewayInit, LivePublisher {
  private namespace: Namespace | undefined;
  private readonly seq = Object.fromEntries(LIVE_CHANNELS.map((channel) => [channel, 0])) as Record<
    LiveChannel,
    number
  >;

  constructor(@Inject(LiveSnapshotService) private readonly snapshots: LiveSnapshotService) {}

  afterInit(namespace: Namespace): void {
    this.namespace = namespace;
  }

  publish<C extends LiveChannel>(channel: C, data: LiveDataByChannel[C]): void {
    this.seq[channel] += 1;
    const message: LiveMessage<C> = { channel, seq: this.seq[channel], data };
    this.namespace?.to(channel).emit('delta', message);
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
    await socket.leave(channel);
    const data = await this.snapshots.snapshot(channel);
    socket.emit('snapshot', { channel, seq: this.seq[channel], data });
    await socket.join(channel);
  }

  @SubscribeMessage('unsubscribe')
  async unsubscribe(@MessageBody() body: unknown, @ConnectedSocket() socket: Socket): Promise<void> {
    const request = subscribeRequest.safeParse(body);
    if (request.success) await socket.leave(request.data.channel);
  }

  connectedClients(): number {
    return this.namespace?.sockets.size ?? 0;
  }
}
