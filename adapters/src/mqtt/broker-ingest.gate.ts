import type { DeadLetter, ItemResult } from '@zhongshu/stream';
import { AdapterCounters, type Adapter } from '../shared/adapter-stats';
import type { IngestSink } from '../shared/ingest-sink';
import { DurableAckBatcher } from './durable-ack.batcher';
import { replayMqttDeadLetter } from './mqtt-dead-letter.replayer';
import { MqttMessageDecoder, type MqttMessageDecoderOptions } from './mqtt-message.decoder';
import { mqttMessageItem } from './mqtt-message.item';
import { consumedTopicMatcher, type MqttTopicScope } from './mqtt-topics';

export interface BrokerIngestGateOptions extends MqttTopicScope, MqttMessageDecoderOptions {
  sink: IngestSink;
  /** Items per `sink.submit`. Default 2,000. */
  maxBatch?: number;
  /** How long a batch waits to fill. Default 5 ms. */
  lingerMs?: number;
  /** How long `stop()` waits for admitted messages to become durable. Default 10 s. */
  stopTimeoutMs?: number;
  log?: (message: string, error?: unknown) => void;
  onNote?: (topic: string, note: string) => void;
}

const never = new Promise<void>(() => undefined);

/**
 * The embedded broker's way into the pipeline. The broker hands every PUBLISH we consume to
 * `admit` before it answers the publisher, and sends the PUBACK only when `admit` resolved, that
 * is once the message's events are in the warehouse (or its dead letter is). So with the embedded
 * broker a device's PUBACK means durable, exactly as an HTTP 200 does, and a kill -9 of the whole
 * process loses nothing a device was told is safe: what was not answered, the device sends again.
 *
 * There is no second MQTT hop inside the process (no subscriber client, no aedes queue for it):
 * aedes processes the packets of one socket read concurrently and reads on once all of them are
 * answered, so one submit carries many messages, and a saturated pipeline (retried inside the
 * batcher) stops the broker reading from publishers: backpressure, not loss.
 */
export class BrokerIngestGate implements Adapter {
  readonly counters = new AdapterCounters('mqtt');
  readonly decoder: MqttMessageDecoder;
  /** Is `topic` one we take (same filters a subscribing adapter would use)? */
  readonly consumes: (topic: string) => boolean;
  private batcher: DurableAckBatcher;
  private readonly log: (message: string, error?: unknown) => void;
  private stopped = true;

  constructor(private readonly options: BrokerIngestGateOptions) {
    this.decoder = new MqttMessageDecoder(options);
    this.consumes = consumedTopicMatcher(options);
    this.log = options.log ?? ((message, error) => console.error(`[mqtt] ${message}`, error ?? ''));
    this.batcher = this.newBatcher();
  }

  start(): Promise<void> {
    if (this.stopped) this.batcher = this.newBatcher();
    this.stopped = false;
    this.counters.connected = true;
    return Promise.resolve();
  }

  /** Resolves once the message is durable; never, when the gate is stopping (the publisher resends later). */
  admit(topic: string, payload: Buffer): Promise<void> {
    if (this.stopped) return never;
    const ticket = this.counters.receive();
    const item = mqttMessageItem(this.decoder, topic, payload, this.options.onNote);
    return new Promise<void>((resolve) => {
      this.batcher.add({
        ...item,
        settle: (results) => {
          this.counters.done(ticket, results);
          if (item.deadLetter) this.counters.reject();
          resolve();
        },
      });
    });
  }

  /** Messages admitted and not yet durable. */
  get pending(): number {
    return this.batcher.pending;
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    const drained = await this.batcher.drain(this.options.stopTimeoutMs ?? 10_000);
    if (!drained) {
      this.log(`stopped with ${this.batcher.pending} messages not yet durable; their publishers were not answered`);
      this.batcher.abandon();
    }
    this.counters.connected = false;
  }

  /** Sends one of our dead letters (origin `mqtt:{topic}`) through the decoders again. */
  async replay(letter: Pick<DeadLetter, 'raw' | 'encoding' | 'origin'>): Promise<ItemResult[]> {
    const results = await replayMqttDeadLetter(letter, this.decoder, this.options.sink);
    this.counters.record(results.filter((result) => result.status !== 'rejected'));
    return results;
  }

  private newBatcher(): DurableAckBatcher {
    return new DurableAckBatcher(this.options.sink, {
      origin: 'mqtt',
      maxBatch: this.options.maxBatch ?? 2_000,
      lingerMs: this.options.lingerMs ?? 5,
      retryDelayMs: 50,
      maxRetryDelayMs: 5_000,
      onRetry: (error, attempt) => {
        if (attempt === 1 || attempt % 20 === 0) this.log(`sink refused a batch (attempt ${attempt}); retrying`, error);
      },
    });
  }
}
