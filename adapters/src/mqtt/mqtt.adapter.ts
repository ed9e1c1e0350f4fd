import type { DeadLetter, ItemResult } from '@zhongshu/stream';
import { connect, type IClientOptions, type IConnackPacket, type IPublishPacket, type MqttClient } from 'mqtt';
import { AdapterCounters, type Adapter } from '../shared/adapter-stats';
import type { IngestSink } from '../shared/ingest-sink';
import { DurableAckBatcher } from './durable-ack.batcher';
import { replayMqttDeadLetter } from './mqtt-dead-letter.replayer';
import type { DeviceType, DeviceTypeLookup } from './mqtt-decode.result';
import { MqttMessageDecoder } from './mqtt-message.decoder';
import { mqttMessageItem } from './mqtt-message.item';
import { mqttTopicFilters, type MqttTopicScope } from './mqtt-topics';
import { PubackSender } from './puback.sender';

export interface MqttAdapterOptions extends MqttTopicScope {
  /** `mqtt://host:port` (or mqtts://, ws://): the embedded broker or the site's `MQTT_URL`. */
  url: string;
  username?: string;
  password?: string;
  /** Stable across restarts: the broker keeps the persistent session (and what we did not ack) under it. */
  clientId: string;
  sink: IngestSink;
  deviceTypeOf?: DeviceTypeLookup;
  /** Sparkplug edge nodes nobody typed (default `plc`). */
  defaultNodeType?: DeviceType;
  /** Devices nobody typed (default `sensor`). */
  defaultDeviceType?: DeviceType;
  /**
   * Default: MQTT 5, falling back to 3.1.1 when the broker refuses it (aedes speaks only 3.1.1).
   * MQTT 5 matters on a site broker: it honours our receive maximum, where for 3.1.1 clients
   * Mosquitto caps unacknowledged QoS 1 deliveries at `max_inflight_messages` (default 20).
   */
  protocolVersion?: 4 | 5;
  /** MQTT 5: how long the broker keeps our session while we are away. Default 7 days. */
  sessionExpirySeconds?: number;
  /** Subscribe as `$share/{group}/…` so several processes split the load (Mosquitto 2, EMQX; not aedes). */
  sharedGroup?: string;
  /**
   * Messages received but not yet acknowledged; beyond this we stop reading. Default 10,000: enough
   * for 20k msg/s over ~0.5 s of ack latency. Not much more on aedes, whose in-memory persistence
   * scans a client's unacknowledged list per delivery.
   */
  maxInFlight?: number;
  /** Items per `sink.submit`. Default 2,000. */
  maxBatch?: number;
  /** How long a batch waits to fill. Default 5 ms. */
  lingerMs?: number;
  /** Default 60 s. */
  keepaliveSeconds?: number;
  /** How long `start()` waits for the first connection. Default 30 s. */
  connectTimeoutMs?: number;
  /** How long `stop()` waits for in-flight messages to become durable before leaving them to redelivery. Default 10 s. */
  stopTimeoutMs?: number;
  log?: (message: string, error?: unknown) => void;
  /** What was received but carries no event (stale NDEATH, datasets only…) and what was left out. */
  onNote?: (topic: string, note: string) => void;
}

/**
 * Subscribes to Sparkplug B and the plain JSON device topics with a persistent session (QoS 1,
 * `clean: false`) and feeds the sink. A message is acknowledged (PUBACK) only after the sink said
 * it is durable, so a crash before that means the broker redelivers; redeliveries dedupe by event id.
 *
 * Throughput: mqtt.js hands over one message at a time and reads the next only when the previous
 * one's `handleMessage` callback ran, then PUBACKs. We let it continue immediately and acknowledge
 * later ourselves (see `PubackSender`), so thousands of messages are in flight and one `submit`
 * carries a whole batch. When `maxInFlight` messages wait for the sink we stop reading: the TCP
 * window closes and the broker holds the rest (backpressure, not loss).
 */
export class MqttAdapter implements Adapter {
  readonly counters = new AdapterCounters('mqtt');
  private readonly decoder: MqttMessageDecoder;
  private batcher: DurableAckBatcher;
  private readonly log: (message: string, error?: unknown) => void;
  private readonly maxInFlight: number;
  private client: MqttClient | undefined;
  private pubacks: PubackSender | undefined;
  private paused: (() => void) | undefined;
  private stopping = false;

  constructor(private readonly options: MqttAdapterOptions) {
    this.decoder = new MqttMessageDecoder(options);
    this.log = options.log ?? ((message, error) => console.error(`[mqtt] ${message}`, error ?? ''));
    this.maxInFlight = options.maxInFlight ?? 10_000;
    this.batcher = this.newBatcher();
  }

  /** The filters we subscribe to. */
  get topics(): string[] {
    const filters = mqttTopicFilters(this.options);
    const group = this.options.sharedGroup;
    return group ? filters.map((filter) => `$share/${group}/${filter}`) : filters;
  }

  /** Resolves once connected and subscribed; rejects when the broker cannot be reached or refuses us. */
  async start(): Promise<void> {
    if (this.client) return;
    // A batcher abandoned by an earlier stop() must not swallow this session's messages.
    if (this.stopping) this.batcher = this.newBatcher();
    this.stopping = false;
    const requested = this.options.protocolVersion;
    try {
      await this.connect(requested ?? 5);
    } catch (error) {
      // A 3.1.1-only broker (aedes, the embedded one) refuses MQTT 5 with "unacceptable protocol version".
      if (requested !== undefined || !isUnacceptableProtocol(error)) throw error;
      await this.connect(4);
    }
  }

  private async connect(protocolVersion: 4 | 5): Promise<void> {
    const { options } = this;
    const clientOptions: IClientOptions = {
      clientId: options.clientId,
      username: options.username,
      password: options.password,
      clean: false,
      protocolVersion,
      keepalive: options.keepaliveSeconds ?? 60,
      reconnectPeriod: 1_000,
      connectTimeout: options.connectTimeoutMs ?? 30_000,
      // We subscribe ourselves whenever the broker has no session for us (see onConnect).
      resubscribe: false,
      ...(protocolVersion === 5
        ? {
            properties: {
              sessionExpiryInterval: options.sessionExpirySeconds ?? 7 * 24 * 3600,
              receiveMaximum: Math.min(65_535, this.maxInFlight),
            },
          }
        : {}),
    };
    const client = connect(options.url, clientOptions);
    this.client = client;
    this.pubacks = new PubackSender(client);
    client.handleMessage = (packet, callback) => this.onMessage(packet, callback);

    let started = false;
    const ready = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no MQTT connection to ${options.url} within ${clientOptions.connectTimeout} ms`)),
        clientOptions.connectTimeout,
      );
      client.on('connect', (connack) => {
        this.counters.connected = true;
        this.onConnect(connack).then(
          () => {
            clearTimeout(timer);
            started = true;
            resolve();
          },
          (error: unknown) => {
            clearTimeout(timer);
            if (started) this.log('resubscribing after a reconnect failed', error);
            else reject(error instanceof Error ? error : new Error(String(error)));
          },
        );
      });
      client.once('error', (error) => {
        clearTimeout(timer);
        reject(new Error(`MQTT broker ${options.url}: ${error.message}`, { cause: error }));
      });
    });
    client.on('error', (error) => {
      // Before start() resolved, its rejection carries the error.
      if (started) this.log(`client error (${options.url})`, error);
    });
    client.on('close', () => {
      this.counters.connected = false;
      // That connection's pending acks die with it (PubackSender checks); its paused reader too.
      this.paused = undefined;
    });

    try {
      await ready;
    } catch (error) {
      this.client = undefined;
      await client.endAsync(true).catch(() => undefined);
      this.counters.connected = false;
      throw error;
    }
  }

  async stop(): Promise<void> {
    const client = this.client;
    if (!client) return;
    // From here on new messages are left unanswered: the broker keeps them for the next session.
    this.stopping = true;
    const drained = await this.batcher.drain(this.options.stopTimeoutMs ?? 10_000);
    if (!drained) {
      this.log(`stopped with ${this.batcher.pending} messages not yet durable; the broker will redeliver them`);
      this.batcher.abandon();
    }
    // A graceful end flushes the last PUBACKs before DISCONNECT; the session stays on the broker.
    await client.endAsync(!drained);
    this.client = undefined;
    this.pubacks = undefined;
    this.counters.connected = false;
  }

  private newBatcher(): DurableAckBatcher {
    return new DurableAckBatcher(this.options.sink, {
      origin: 'mqtt',
      maxBatch: this.options.maxBatch ?? 2_000,
      lingerMs: this.options.lingerMs ?? 5,
      retryDelayMs: 50,
      maxRetryDelayMs: 5_000,
      settling: (settleAll) => (this.pubacks ? this.pubacks.corked(settleAll) : settleAll()),
      onRetry: (error, attempt) => {
        if (attempt === 1 || attempt % 20 === 0) this.log(`sink refused a batch (attempt ${attempt}); retrying`, error);
      },
    });
  }

  private async onConnect(connack: IConnackPacket): Promise<void> {
    if (connack.sessionPresent) return;
    const client = this.client;
    if (!client) return;
    try {
      await client.subscribeAsync(this.topics, { qos: 1 });
    } catch (error) {
      // mqtt.js rejects when any SUBACK code is a failure (0x80: usually the broker's ACL).
      throw new Error(
        `the broker at ${this.options.url} refused our subscription to ${this.topics.join(', ')}; check the ACL of user ${this.options.username ?? '(anonymous)'}`,
        { cause: error },
      );
    }
  }

  private onMessage(packet: IPublishPacket, callback: (error?: Error) => void): void {
    // Never answered: after stop() the broker redelivers it to the next session.
    if (this.stopping || !this.pubacks) return;
    const ticket = this.counters.receive();
    const answer = this.pubacks.prepare(packet);
    const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
    const item = mqttMessageItem(this.decoder, packet.topic, payload, this.options.onNote);
    const qos2 = packet.qos === 2;
    this.batcher.add({
      ...item,
      settle: (results) => {
        this.counters.done(ticket, results);
        if (item.deadLetter) this.counters.reject();
        // QoS 2 (only if a broker ignores our QoS 1 subscription) keeps mqtt.js's own PUBCOMP path.
        if (qos2) callback();
        else answer();
        this.resume();
      },
    });
    if (qos2) return;
    if (this.batcher.pending < this.maxInFlight) callback(PubackSender.DEFERRED);
    else this.paused = () => callback(PubackSender.DEFERRED);
  }

  /** Sends one of our dead letters (origin `mqtt:{topic}`) through the decoders again; register under `mqtt:`. */
  async replay(letter: Pick<DeadLetter, 'raw' | 'encoding' | 'origin'>): Promise<ItemResult[]> {
    const results = await replayMqttDeadLetter(letter, this.decoder, this.options.sink);
    this.counters.record(results.filter((result) => result.status !== 'rejected'));
    return results;
  }

  private resume(): void {
    if (!this.paused || this.batcher.pending >= this.maxInFlight) return;
    const resume = this.paused;
    this.paused = undefined;
    resume();
  }
}

/** CONNACK "unacceptable protocol version" (3.1.1 return code 1, MQTT 5 reason code 0x84). */
function isUnacceptableProtocol(error: unknown): boolean {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return cause?.code === 1 || cause?.code === 0x84;
}
