import { parseCityEvent, type ItemResult } from '@zhongshu/stream';
import type { DataValue, OPCUACertificateManager } from 'node-opcua';
import { AdapterCounters, type Adapter, type AdapterStats } from '../shared/adapter-stats';
import type { IngestSink } from '../shared/ingest-sink';
import { CoalescingSubmitBuffer, type BufferStats, type BufferedEvent } from './coalescing-submit.buffer';
import { loadNodeOpcUa } from './node-opcua.loader';
import {
  itemKey,
  parseOpcUaConfig,
  type OpcUaConfig,
  type OpcUaEndpointConfig,
  type OpcUaItemConfig,
} from './opcua-config.schema';
import { OpcUaEndpointConnection } from './opcua-endpoint.connection';
import { opcUaOrigin, readingTime, statusEvent, telemetryEvent, type DeviceStatus } from './opcua-event.mapper';
import { describeDataValue, mapDataValue } from './opcua-value.mapper';

export interface OpcUaAdapterOptions {
  /** Validated here: a plain JSON object is fine. */
  config: unknown;
  sink: IngestSink;
  now?: () => Date;
  log?: (message: string, error?: unknown) => void;
  /** How long `stop` waits for a saturated sink to take what is still buffered. */
  stopDrainMs?: number;
  /** Subscription keep-alive target (ms); tests shorten it. */
  keepAliveMs?: number;
}

export interface OpcUaAdapterStats extends AdapterStats {
  /** Waiting for or inside a submit. */
  buffered: number;
  /** Older values dropped because a newer one of the same node arrived while the buffer was full. */
  coalesced: number;
  /** Submits refused (backpressure) or failed, then retried. */
  retries: number;
  endpoints: Array<{ name: string; deviceId: string; connected: boolean }>;
}

/**
 * OPC UA source adapter: subscribes to configured nodes on each endpoint and turns data changes into
 * `device.telemetry` events and connection changes into `device.status` events for the endpoint's
 * device. Values are buffered and submitted in small batches; nothing is acknowledged to a source
 * (OPC UA has no acknowledgement of data changes), so durability means retrying until the sink took it.
 */
export class OpcUaAdapter implements Adapter {
  readonly counters = new AdapterCounters('opcua');
  readonly config: OpcUaConfig;
  private readonly sink: IngestSink;
  private readonly now: () => Date;
  private readonly log: (message: string, error?: unknown) => void;
  private readonly buffer: CoalescingSubmitBuffer;
  private connections: OpcUaEndpointConnection[] = [];
  private certificateManager: OPCUACertificateManager | undefined;
  private readonly pendingDeadLetters = new Set<Promise<void>>();
  private running = false;

  /** Throws `OpcUaConfigError` naming every bad field. */
  constructor(private readonly options: OpcUaAdapterOptions) {
    this.config = parseOpcUaConfig(options.config);
    this.sink = options.sink;
    this.now = options.now ?? (() => new Date());
    this.log = options.log ?? ((message, error) => console.error(message, error ?? ''));
    this.buffer = new CoalescingSubmitBuffer(this.sink, this.config.buffer, {
      settled: (item, result) => this.counters.done(item.ticket, [result]),
      coalesced: (item) => this.counters.done(item.ticket),
      abandoned: (item) => this.counters.done(item.ticket),
      log: this.log,
    });
  }

  /** Returns at once: endpoints connect (and keep retrying) in the background. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    const opcua = await loadNodeOpcUa();
    const manager = new opcua.OPCUACertificateManager({
      ...(this.config.pkiFolder ? { rootFolder: this.config.pkiFolder } : {}),
      automaticallyAcceptUnknownCertificate: this.config.acceptUnknownServerCertificates,
    });
    await manager.initialize();
    this.certificateManager = manager;
    this.counters.connected = false;
    this.buffer.start();
    this.connections = this.config.endpoints.map(
      (endpoint) =>
        new OpcUaEndpointConnection(
          opcua,
          endpoint,
          {
            certificateManager: manager,
            reconnect: this.config.reconnect,
            ...(this.options.keepAliveMs ? { keepAliveMs: this.options.keepAliveMs } : {}),
          },
          {
            dataChange: (item, dataValue) => this.onDataChange(endpoint, item, dataValue),
            status: (status, reason) => this.onStatus(endpoint, status, reason),
            itemFailed: (item, reason) => this.onItemFailed(endpoint, item, reason),
            log: this.log,
          },
        ),
    );
    for (const connection of this.connections) connection.start();
  }

  /** Closes subscriptions, sessions and clients, then hands the sink what is still buffered. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    await Promise.all(this.connections.map((connection) => connection.stop()));
    this.connections = [];
    this.counters.connected = false;
    await this.buffer.stop(this.options.stopDrainMs ?? 5_000);
    await Promise.all(this.pendingDeadLetters);
    await this.certificateManager?.dispose().catch(() => undefined);
    this.certificateManager = undefined;
  }

  stats(): OpcUaAdapterStats {
    const buffer: BufferStats = this.buffer.stats;
    return {
      ...this.counters.stats(),
      buffered: buffer.buffered,
      coalesced: buffer.coalesced,
      retries: buffer.retries,
      endpoints: this.config.endpoints.map((endpoint, index) => ({
        name: endpoint.name,
        deviceId: endpoint.deviceId,
        connected: this.connections[index]?.online ?? false,
      })),
    };
  }

  private onDataChange(endpoint: OpcUaEndpointConfig, item: OpcUaItemConfig, dataValue: DataValue): void {
    const ticket = this.counters.receive();
    const mapped = mapDataValue(dataValue);
    const raw = () => ({
      endpoint: endpoint.name,
      node: itemKey(item),
      metric: item.metric,
      ...describeDataValue(dataValue),
    });
    if (!mapped.ok) {
      this.deadLetter(endpoint, raw(), mapped.reason, ticket);
      return;
    }
    const event = telemetryEvent({
      endpoint,
      item,
      value: mapped.value,
      quality: mapped.quality,
      at: readingTime(dataValue, this.now()),
      picoseconds: dataValue.sourceTimestamp ? dataValue.sourcePicoseconds : dataValue.serverPicoseconds,
    });
    // Our own boundary check: an unmappable reading is kept with the OPC UA value, not our event.
    const parsed = parseCityEvent(event);
    if (!parsed.ok) {
      this.deadLetter(endpoint, raw(), `not a valid telemetry event: ${parsed.reason}`, ticket);
      return;
    }
    this.push({ key: `${endpoint.name}\u0000${itemKey(item)}`, origin: opcUaOrigin(endpoint), event, ticket });
  }

  private onStatus(endpoint: OpcUaEndpointConfig, status: DeviceStatus, reason: string): void {
    this.counters.connected = this.connections.length > 0 && this.connections.every((connection) => connection.online);
    if (status === 'offline') this.log(`OPC UA ${endpoint.name} (${endpoint.url}) offline: ${reason}`);
    const ticket = this.counters.receive();
    const event = statusEvent(endpoint, status, reason, this.now());
    this.push({ key: `${endpoint.name}\u0000#status`, origin: opcUaOrigin(endpoint), event, ticket });
  }

  private onItemFailed(endpoint: OpcUaEndpointConfig, item: OpcUaItemConfig, reason: string): void {
    const ticket = this.counters.receive();
    this.deadLetter(endpoint, { endpoint: endpoint.name, node: itemKey(item), metric: item.metric }, reason, ticket);
  }

  private push(item: BufferedEvent): void {
    this.buffer.push(item);
  }

  /** Dead letters are few (a misconfigured node, an array value); a failing store is retried briefly. */
  private deadLetter(endpoint: OpcUaEndpointConfig, raw: object, reason: string, ticket: number): void {
    const rejected: ItemResult = { index: 0, status: 'rejected', reason };
    const write = (async () => {
      const body = JSON.stringify(raw);
      for (let attempt = 0; ; attempt += 1) {
        try {
          await this.sink.deadLetter(body, reason, opcUaOrigin(endpoint));
          return;
        } catch (error) {
          if (attempt >= 4) {
            this.log(`OPC UA ${endpoint.name}: dead letter lost (${reason})`, error);
            return;
          }
          await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** attempt));
        }
      }
    })().finally(() => {
      this.counters.done(ticket, [rejected]);
      this.pendingDeadLetters.delete(write);
    });
    this.pendingDeadLetters.add(write);
  }
}
