import { EVENT_TYPES, type CityEventInput, type Location } from '@zhongshu/stream';
import type { UMetric, UPayload } from 'sparkplug-payload/lib/sparkplugbpayload';
import { encodeSparkplugPayload } from '../mqtt/sparkplug-payload.codec';

type Telemetry = Extract<CityEventInput, { type: typeof EVENT_TYPES.deviceTelemetry }>;
type Status = Extract<CityEventInput, { type: typeof EVENT_TYPES.deviceStatus }>;
type DeviceEvent = Telemetry | Status;

/** One PUBLISH (QoS 1) and the device connection that sends it: an edge node's, or the JSON devices'. */
export interface PlannedMessage {
  connection: string;
  topic: string;
  payload: Buffer;
}

export interface DeviceMqttPlannerOptions {
  /** `{tenant}` of `zhongshu/{tenant}/devices/…` for the plain JSON devices. */
  tenant: string;
  /** Sparkplug group id of the simulated field gateways. */
  group: string;
}

/** The connection that carries the plain JSON devices. */
export const JSON_DEVICES_CONNECTION = 'json-devices';

interface EdgeSession {
  bdSeq: number;
  seq: number;
  born: boolean;
  /** Device id → metric name → alias, for the devices born in this session. */
  devices: Map<string, Map<string, number>>;
}

const isDeviceEvent = (event: CityEventInput): event is DeviceEvent =>
  event.type === EVENT_TYPES.deviceTelemetry || event.type === EVENT_TYPES.deviceStatus;

/**
 * Turns the simulated fleet's device events into what real field kit publishes, deterministically
 * (same events in, same bytes out), so the demo exercises the MQTT adapter end to end:
 *
 * - **Sensors** (`deviceType` sensor: water level, air quality, manholes, smoke, gas) sit behind one
 *   Sparkplug B edge node per kind (`iot-water-level`…), as LoRa/NB-IoT gateways do: NBIRTH once,
 *   DBIRTH when a device first reports or comes back (readings with aliases, plus its position as
 *   `Properties/Longitude|Latitude`), DDATA by alias afterwards, DDEATH when it drops off. Sparkplug
 *   has no fault state, so a sensor fault goes out as a plain JSON status under the device's
 *   Sparkplug id (`{group}:{edge}:{device}`), the way a gateway's management agent reports it.
 * - **Everything else** (cameras, NVRs, kiosks, servers, switches…) publishes plain JSON on
 *   `zhongshu/{tenant}/devices/{deviceId}/{telemetry|status}` with its position in the body.
 *
 * Events of other types are not devices: `plan` refuses them.
 */
export class DeviceMqttPlanner {
  private readonly edges = new Map<string, EdgeSession>();
  /** Each sensor's last readings: a birth certificate carries every metric with its current value. */
  private readonly readings = new Map<string, Record<string, number | boolean | string>>();

  constructor(private readonly options: DeviceMqttPlannerOptions) {}

  static accepts(event: CityEventInput): boolean {
    return isDeviceEvent(event);
  }

  /** The edge node a Sparkplug device hangs off, or undefined for a plain JSON device. */
  static edgeOf(event: DeviceEvent): string | undefined {
    if (event.data.deviceType !== 'sensor') return undefined;
    return `iot-${(event.category ?? 'sensor').replace(/[^A-Za-z0-9]+/g, '-')}`;
  }

  plan(events: readonly CityEventInput[]): PlannedMessage[] {
    const messages: PlannedMessage[] = [];
    for (const event of events) {
      if (!isDeviceEvent(event)) throw new Error(`not a device event: ${event.type}`);
      const edge = DeviceMqttPlanner.edgeOf(event);
      if (edge === undefined) messages.push(this.json(event));
      else messages.push(...this.sparkplug(edge, event));
    }
    return messages;
  }

  /** The edge node's will (NDEATH with the bdSeq its next NBIRTH will carry), to set before connecting. */
  will(edge: string): { topic: string; payload: Buffer } {
    const session = this.session(edge);
    return {
      topic: `spBv1.0/${this.options.group}/NDEATH/${edge}`,
      payload: encodeSparkplugPayload({ timestamp: undefined, metrics: [bdSeqMetric(session.bdSeq)] }),
    };
  }

  /** The edge node's connection was lost: the next message starts a new session (new bdSeq, births). */
  endSession(edge: string): void {
    const session = this.edges.get(edge);
    if (!session) return;
    this.edges.set(edge, { bdSeq: (session.bdSeq + 1) % 256, seq: 0, born: false, devices: new Map() });
  }

  private session(edge: string): EdgeSession {
    let session = this.edges.get(edge);
    if (!session) {
      session = { bdSeq: 0, seq: 0, born: false, devices: new Map() };
      this.edges.set(edge, session);
    }
    return session;
  }

  private sparkplug(edge: string, event: DeviceEvent): PlannedMessage[] {
    const { group } = this.options;
    const session = this.session(edge);
    const device = event.data.deviceId;
    const timestamp = Date.parse(event.time);
    const out: PlannedMessage[] = [];
    const send = (type: string, metrics: UMetric[], deviceLevel = true) => {
      const payload: UPayload = { timestamp, seq: session.seq, metrics };
      session.seq = (session.seq + 1) % 256;
      const topic = `spBv1.0/${group}/${type}/${edge}${deviceLevel ? `/${device}` : ''}`;
      out.push({ connection: edge, topic, payload: encodeSparkplugPayload(payload) });
    };
    if (!session.born) {
      session.seq = 0;
      send(
        'NBIRTH',
        [
          bdSeqMetric(session.bdSeq),
          { name: 'Node Control/Rebirth', type: 'Boolean', value: false },
          { name: 'Properties/deviceType', type: 'String', value: 'network' },
        ],
        false,
      );
      session.born = true;
    }

    if (event.type === EVENT_TYPES.deviceStatus) {
      const { status } = event.data;
      if (status === 'offline') {
        session.devices.delete(device);
        send('DDEATH', []);
        return out;
      }
      if (status === 'online') {
        const last = this.readings.get(device) ?? {};
        const table = aliasTable(Object.keys(last));
        session.devices.set(device, table);
        send('DBIRTH', [...readings(last, table), ...properties(event)]);
        return out;
      }
      // Sparkplug has no fault: the gateway's agent reports it on the JSON status topic.
      out.push(this.json(event, `${group}:${edge}:${device}`));
      return out;
    }

    const { metrics } = event.data;
    this.readings.set(device, metrics);
    const names = Object.keys(metrics);
    const aliases = session.devices.get(device);
    if (!aliases || names.some((name) => !aliases.has(name))) {
      // First report, or a metric the birth did not name: (re)birth with every reading under an alias.
      const table = aliasTable(names);
      session.devices.set(device, table);
      send('DBIRTH', [...readings(metrics, table), ...properties(event)]);
      return out;
    }
    send('DDATA', readings(metrics, aliases, false));
    return out;
  }

  private json(event: DeviceEvent, deviceId = event.data.deviceId): PlannedMessage {
    const topic = `zhongshu/${this.options.tenant}/devices/${deviceId}`;
    const common = {
      ts: event.time,
      deviceType: event.data.deviceType,
      ...(event.category ? { category: event.category } : {}),
      ...at(event.location),
    };
    const body =
      event.type === EVENT_TYPES.deviceTelemetry
        ? { ...common, metrics: event.data.metrics, quality: event.data.quality }
        : { ...common, status: event.data.status, reason: event.data.reason };
    return {
      connection: JSON_DEVICES_CONNECTION,
      topic: `${topic}/${event.type === EVENT_TYPES.deviceTelemetry ? 'telemetry' : 'status'}`,
      payload: Buffer.from(JSON.stringify(body)),
    };
  }
}

function bdSeqMetric(bdSeq: number): UMetric {
  return { name: 'bdSeq', type: 'UInt64', value: bdSeq };
}

function aliasTable(names: readonly string[]): Map<string, number> {
  return new Map(names.map((name, index) => [name, index + 1]));
}

/** Births name every metric; data messages send aliases only (Sparkplug B §6.4.5). */
function readings(
  metrics: Record<string, number | boolean | string>,
  aliases: ReadonlyMap<string, number>,
  named = true,
): UMetric[] {
  return Object.entries(metrics).map(([name, value]) => {
    const type = typeof value === 'boolean' ? 'Boolean' : typeof value === 'string' ? 'String' : 'Double';
    return { ...(named ? { name } : {}), alias: aliases.get(name), type, value };
  });
}

/** Static properties of a device's birth: its type, its kind and where it is installed. */
function properties(event: DeviceEvent): UMetric[] {
  const out: UMetric[] = [{ name: 'Properties/deviceType', type: 'String', value: event.data.deviceType }];
  if (event.category) out.push({ name: 'Properties/Category', type: 'String', value: event.category });
  if (event.location) {
    out.push(
      { name: 'Properties/Longitude', type: 'Double', value: event.location.lng },
      { name: 'Properties/Latitude', type: 'Double', value: event.location.lat },
      { name: 'Properties/CRS', type: 'String', value: event.location.crs ?? 'WGS84' },
    );
  }
  return out;
}

function at(location: CityEventInput['location']): { location?: Location } {
  return location ? { location: { lng: location.lng, lat: location.lat, crs: location.crs ?? 'WGS84' } } : {};
}
