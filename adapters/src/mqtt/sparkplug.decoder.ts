import {
  EVENT_TYPES,
  coordinateSystem,
  deviceType as deviceTypeSchema,
  type CityEventInput,
  type Location,
} from '@zhongshu/stream';
import type { UMetric, UPayload } from 'sparkplug-payload/lib/sparkplugbpayload';
import {
  boundedId,
  deadLetter,
  isoFromEpochMs,
  sha1,
  type DecodeResult,
  type DeviceType,
  type DeviceTypeLookup,
} from './mqtt-decode.result';
import { decodeSparkplugPayload } from './sparkplug-payload.codec';
import { aliasesOf, longToNumber, mapMetrics, type AliasTable } from './sparkplug-metrics.mapper';
import {
  SPARKPLUG_NAMESPACE,
  parseSparkplugTopic,
  type SparkplugMessageType,
  type SparkplugTopic,
} from './sparkplug-topic.parser';

export interface SparkplugDecoderOptions {
  deviceTypeOf?: DeviceTypeLookup;
  /** Type of an edge node the registry does not know and whose birth names none. */
  defaultNodeType?: DeviceType;
  /** Type of a device the registry does not know and whose birth names none. */
  defaultDeviceType?: DeviceType;
  now?: () => Date;
}

interface DeviceState {
  aliases: Map<string, string>;
  online: boolean;
  type?: DeviceType;
  /** From the birth's `Properties/Longitude`, `Properties/Latitude` (and `Properties/CRS`). */
  location?: Location;
  /** From the birth's `Properties/Category` (the device's kind); events default to the device type. */
  category?: string;
}

interface NodeState extends DeviceState {
  /** bdSeq of the current session (NBIRTH); an NDEATH with another bdSeq is a stale will. */
  bdSeq?: number;
  devices: Map<string, DeviceState>;
}

// deviceId (`{group}:{edge}[:{device}]`) is at most 128 characters in a CityEvent, and the
// source `/mqtt/spBv1.0/{group}/{edge}` at most 256.
const MAX_DEVICE_ID = 128;
const MAX_SOURCE_IDS = 256 - '/mqtt/spBv1.0//'.length;

/** Birth metrics that name the device type (Ignition and Tahu edges publish these under Properties/). */
const TYPE_METRICS = new Set(['deviceType', 'Properties/deviceType', 'Properties/Device Type']);

/**
 * Sparkplug B decoder with the host-application state it needs: alias tables from NBIRTH/DBIRTH,
 * the current bdSeq per edge node and which devices are online. One instance per adapter.
 *
 * Device ids: `{group}:{edge}` for edge nodes, `{group}:{edge}:{device}` for devices.
 * Event ids: `spb:{group}/{edge}[/{device}]:{type}:{payload.timestamp}:{payload.seq}` (+ a suffix
 * when one message yields several events), so a QoS 1 redelivery maps to the same ids.
 */
export class SparkplugDecoder {
  private readonly nodes = new Map<string, NodeState>();

  constructor(private readonly options: SparkplugDecoderOptions = {}) {}

  static handles(topic: string): boolean {
    return topic.startsWith(`${SPARKPLUG_NAMESPACE}/`);
  }

  decode(topic: string, payload: Buffer): DecodeResult {
    const parsedTopic = parseSparkplugTopic(topic);
    if (!parsedTopic.ok) return deadLetter(parsedTopic.reason);
    let decoded: UPayload;
    try {
      decoded = decodeSparkplugPayload(payload);
    } catch (error) {
      return deadLetter(`undecodable Sparkplug B payload on ${topic}: ${(error as Error).message}`);
    }
    const { group, edge, device } = parsedTopic.topic;
    const deviceId = [group, edge, device].filter((part) => part !== undefined).join(':');
    if (deviceId.length > MAX_DEVICE_ID || group.length + edge.length > MAX_SOURCE_IDS) {
      return deadLetter(
        `device id ${deviceId.slice(0, 60)}… is longer than the ${MAX_DEVICE_ID} characters events allow`,
      );
    }
    return this.toEvents(parsedTopic.topic, decoded, () => sha1(topic, payload));
  }

  /** The alias table currently known for an edge node or one of its devices (for tests and diagnostics). */
  aliasTable(group: string, edge: string, device?: string): AliasTable | undefined {
    const node = this.nodes.get(nodeKey(group, edge));
    return device === undefined ? node?.aliases : node?.devices.get(device)?.aliases;
  }

  private toEvents(topic: SparkplugTopic, payload: UPayload, digest: () => string): DecodeResult {
    const metrics: UMetric[] = payload.metrics ?? [];
    const timestamp = longToNumber(payload.timestamp);
    const seq = longToNumber(payload.seq);
    const message = new MessageContext(topic, timestamp, seq, digest, this.options.now);
    // Only births create state, so a flood of data for made-up edge nodes cannot grow memory.
    const key = nodeKey(topic.group, topic.edge);
    const known = this.nodes.get(key);

    switch (topic.type) {
      case 'NBIRTH': {
        const node = known ?? this.createNode(key);
        // A new session: every alias and device of the previous one is void (Sparkplug B §7.1).
        node.aliases = aliasesOf(metrics);
        node.devices.clear();
        node.online = true;
        node.bdSeq = bdSeqOf(metrics);
        node.type = typeFromBirth(metrics) ?? node.type;
        node.location = locationFromBirth(metrics) ?? node.location;
        node.category = categoryFromBirth(metrics) ?? node.category;
        return this.birth(message, node, metrics, [node.aliases]);
      }
      case 'DBIRTH': {
        const node = known ?? this.createNode(key);
        const device: DeviceState = {
          aliases: aliasesOf(metrics),
          online: true,
          type: typeFromBirth(metrics),
          location: locationFromBirth(metrics),
          category: categoryFromBirth(metrics),
        };
        node.devices.set(topic.device!, device);
        return this.birth(message, device, metrics, [device.aliases, node.aliases]);
      }
      case 'NDEATH': {
        const bdSeq = bdSeqOf(metrics);
        if (bdSeq !== undefined && known?.bdSeq !== undefined && bdSeq !== known.bdSeq) {
          return {
            kind: 'ignored',
            reason: `stale NDEATH for ${message.deviceId} (bdSeq ${bdSeq}, session ${known.bdSeq})`,
          };
        }
        if (known) known.online = false;
        // An edge node's death takes its devices with it (Sparkplug B §7.2).
        const type = this.typeOf(message.deviceId, known, true);
        const events = [message.status('offline', type, 'NDEATH', 'offline', message.deviceId, known)];
        for (const [id, device] of known?.devices ?? []) {
          if (!device.online) continue;
          device.online = false;
          const deviceId = `${message.deviceId}:${id}`;
          events.push(
            message.status(
              'offline',
              this.typeOf(deviceId, device, false),
              'edge node NDEATH',
              `offline:${id}`,
              deviceId,
              device,
            ),
          );
        }
        return { kind: 'events', events, notes: [] };
      }
      case 'DDEATH': {
        const device = known?.devices.get(topic.device!);
        if (device) device.online = false;
        return {
          kind: 'events',
          events: [
            message.status(
              'offline',
              this.typeOf(message.deviceId, device, false),
              'DDEATH',
              'offline',
              message.deviceId,
              device,
            ),
          ],
          notes: [],
        };
      }
      case 'NDATA':
      case 'DDATA': {
        const device = topic.device === undefined ? known : known?.devices.get(topic.device);
        const tables = topic.device === undefined ? [known?.aliases] : [device?.aliases, known?.aliases];
        const mapped = mapMetrics(
          metrics,
          tables.filter((table) => table !== undefined),
        );
        const notes = [...mapped.notes];
        if (mapped.unknownAliases.length > 0) {
          notes.push(
            `${message.deviceId}: alias ${mapped.unknownAliases.join(', ')} not in any birth certificate; kept as alias:<n>`,
          );
        }
        if (Object.keys(mapped.metrics).length === 0) {
          return {
            kind: 'ignored',
            reason: `${topic.type} for ${message.deviceId} has no scalar metric (${notes.join('; ') || 'empty'})`,
          };
        }
        const quality = mapped.unknownAliases.length > 0 ? 'uncertain' : 'good';
        const type = this.typeOf(message.deviceId, device, topic.device === undefined);
        const event = message.telemetry(type, mapped.metrics, quality, 'data', device);
        return { kind: 'events', events: [event], notes };
      }
    }
  }

  private birth(
    message: MessageContext,
    state: DeviceState,
    metrics: readonly UMetric[],
    tables: readonly AliasTable[],
  ): DecodeResult {
    const type = this.typeOf(message.deviceId, state, message.isNode);
    const events = [message.status('online', type, message.type, 'status', message.deviceId, state)];
    // Properties (type, position, make…) describe the device; they are not readings.
    const readings = metrics.filter((metric) => !metric.name?.startsWith('Properties/'));
    const mapped = mapMetrics(readings, tables);
    if (Object.keys(mapped.metrics).length > 0) {
      events.push(message.telemetry(type, mapped.metrics, 'good', 'telemetry', state));
    }
    return { kind: 'events', events, notes: mapped.notes };
  }

  private createNode(key: string): NodeState {
    const node: NodeState = { aliases: new Map(), online: false, devices: new Map() };
    this.nodes.set(key, node);
    return node;
  }

  private typeOf(deviceId: string, state: DeviceState | undefined, isNode: boolean): DeviceType {
    return (
      this.options.deviceTypeOf?.(deviceId) ??
      state?.type ??
      (isNode ? (this.options.defaultNodeType ?? 'plc') : (this.options.defaultDeviceType ?? 'sensor'))
    );
  }
}

/** What a birth said about where a device is and what kind it is. */
type Placement = Pick<DeviceState, 'location' | 'category'>;

/** Builds the events of one message: shared envelope, deterministic ids. */
class MessageContext {
  readonly deviceId: string;
  readonly type: SparkplugMessageType;
  readonly isNode: boolean;
  private readonly baseId: string;
  private readonly time: string;
  private readonly source: string;

  constructor(
    topic: SparkplugTopic,
    timestamp: number | undefined,
    seq: number | undefined,
    digest: () => string,
    now?: () => Date,
  ) {
    const path = [topic.group, topic.edge, topic.device].filter((part) => part !== undefined);
    this.deviceId = path.join(':');
    this.type = topic.type;
    this.isNode = topic.device === undefined;
    this.source = `/mqtt/${SPARKPLUG_NAMESPACE}/${topic.group}/${topic.edge}`;
    const iso = isoFromEpochMs(timestamp);
    this.time = iso ?? (now?.() ?? new Date()).toISOString();
    // Without a timestamp the bytes themselves are the only stable identity of the message.
    this.baseId = iso
      ? `${path.join('/')}:${topic.type}:${timestamp}:${seq ?? '-'}`
      : `${path.join('/')}:${topic.type}:sha1-${digest()}`;
  }

  status(
    status: 'online' | 'offline',
    deviceType: DeviceType,
    reason: string,
    suffix: string,
    deviceId = this.deviceId,
    placed?: Placement,
  ): CityEventInput {
    return {
      specversion: '1.0',
      id: boundedId('spb', `${this.baseId}:${suffix}`),
      source: this.source,
      time: this.time,
      subject: deviceId,
      category: placed?.category ?? deviceType,
      ...(placed?.location ? { location: placed.location } : {}),
      severity: status === 'online' ? 'info' : 'minor',
      type: EVENT_TYPES.deviceStatus,
      data: { deviceId, deviceType, status, reason },
    };
  }

  telemetry(
    deviceType: DeviceType,
    metrics: Record<string, number | boolean | string>,
    quality: 'good' | 'uncertain',
    suffix: string,
    placed?: Placement,
  ): CityEventInput {
    return {
      specversion: '1.0',
      id: boundedId('spb', `${this.baseId}:${suffix}`),
      source: this.source,
      time: this.time,
      subject: this.deviceId,
      category: placed?.category ?? deviceType,
      ...(placed?.location ? { location: placed.location } : {}),
      severity: 'info',
      type: EVENT_TYPES.deviceTelemetry,
      data: { deviceId: this.deviceId, deviceType, metrics, quality },
    };
  }
}

function nodeKey(group: string, edge: string): string {
  return `${group}/${edge}`;
}

function bdSeqOf(metrics: readonly UMetric[]): number | undefined {
  return longToNumber(metrics.find((metric) => metric.name === 'bdSeq')?.value);
}

function typeFromBirth(metrics: readonly UMetric[]): DeviceType | undefined {
  const named = metrics.find((metric) => metric.name && TYPE_METRICS.has(metric.name));
  const parsed = deviceTypeSchema.safeParse(named?.value);
  return parsed.success ? parsed.data : undefined;
}

/**
 * Where a device is, from its birth certificate: Sparkplug B has no location of its own, so we read
 * the static properties edge nodes commonly publish, `Properties/Longitude` and `Properties/Latitude`
 * (degrees), with `Properties/CRS` (`WGS84`, `GCJ02`, `BD09`; default WGS84).
 */
function locationFromBirth(metrics: readonly UMetric[]): Location | undefined {
  const value = (name: string): unknown => metrics.find((metric) => metric.name === `Properties/${name}`)?.value;
  const lng = value('Longitude');
  const lat = value('Latitude');
  if (typeof lng !== 'number' || typeof lat !== 'number') return undefined;
  if (!(Math.abs(lng) <= 180 && Math.abs(lat) <= 90)) return undefined;
  const crs = coordinateSystem.safeParse(value('CRS'));
  return { lng, lat, crs: crs.success ? crs.data : 'WGS84' };
}

/** The device's kind in the site's catalogue (`water_level`, `smoke`…), from `Properties/Category`. */
function categoryFromBirth(metrics: readonly UMetric[]): string | undefined {
  const value: unknown = metrics.find((metric) => metric.name === 'Properties/Category')?.value;
  return typeof value === 'string' && value.length > 0 && value.length <= 64 ? value : undefined;
}
