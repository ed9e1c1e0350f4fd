import type { IPublishPacket, MqttClient } from 'mqtt';

interface ClientInternals {
  _sendPacket(packet: { cmd: 'puback'; messageId: number }, callback?: (error?: Error) => void): void;
}

const noop = () => undefined;

/**
 * Acknowledges QoS 1 messages after the fact. mqtt.js (5.x, `handlers/publish.js`) sends PUBACK
 * when `handleMessage`'s callback succeeds and does not read the next packet before that; given an
 * error it skips the PUBACK and reads on. So `handleMessage` answers `DEFERRED` at once and we
 * send the PUBACK ourselves through the client's own packet writer once the message is durable.
 * `mqtt.adapter.int.spec.ts` pins this behaviour: bump mqtt only with those specs green.
 */
export class PubackSender {
  /** For `handleMessage`'s callback: "no PUBACK now, read on". */
  static readonly DEFERRED = new Error('PUBACK deferred until the message is durable');
  private readonly internals: ClientInternals;

  constructor(private readonly client: MqttClient) {
    const internals = client as unknown as Partial<ClientInternals>;
    if (typeof internals._sendPacket !== 'function') {
      throw new Error('this mqtt.js has no MqttClient._sendPacket; deferred PUBACKs must be reviewed for it');
    }
    this.internals = internals as ClientInternals;
  }

  /** Runs `send` with the socket corked, so the PUBACKs of a whole batch leave in one write. */
  corked(send: () => void): void {
    const { stream } = this.client;
    stream.cork();
    try {
      send();
    } finally {
      stream.uncork();
    }
  }

  /** The function that acknowledges `packet` later, on the connection it arrived on and only there. */
  prepare(packet: IPublishPacket): () => void {
    const { messageId } = packet;
    if (packet.qos !== 1 || messageId === undefined) return noop;
    const stream = this.client.stream;
    return () => {
      // After a reconnect the broker redelivers whatever we did not acknowledge and may reuse this
      // packet id for another message: acknowledging now could confirm the wrong one.
      if (!this.client.connected || this.client.stream !== stream) return;
      this.internals._sendPacket({ cmd: 'puback', messageId });
    };
  }
}
