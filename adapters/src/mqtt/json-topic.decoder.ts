import { EVENT_TYPES, describeIssues, deviceType, location, type CityEventInput } from '@zhongshu/stream';
import { z } from 'zod';
import {
  boundedId,
  deadLetter,
  isPlausibleEpochMs,
  isoFromEpochMs,
  memoize,
  sha1,
  type DecodeResult,
  type DeviceType,
  type DeviceTypeLookup,
} from './mqtt-decode.result';

export const JSON_TOPIC_ROOT = 'zhongshu';
export const JSON_TOPIC_FILTER = `${JSON_TOPIC_ROOT}/+/devices/+/+`;

const JSON_KINDS = ['telemetry', 'status', 'event'] as const;
const segment = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[^/+#\s]+$/, 'no slashes, wildcards or spaces');

/** `zhongshu/{tenant}/devices/{deviceId}/{telemetry|status|event}` */
export const jsonTopic = z
  .string()
  .transform((topic) => topic.split('/'))
  .pipe(z.tuple([z.literal(JSON_TOPIC_ROOT), segment, z.literal('devices'), segment, z.enum(JSON_KINDS)]))
  .transform(([, tenant, , deviceId, kind]) => ({ tenant, deviceId, kind }));
export type JsonTopic = z.output<typeof jsonTopic>;

const parseJsonTopic = memoize((topic) => jsonTopic.safeParse(topic));

/** Epoch milliseconds or an ISO-8601 date-time with offset. */
const timestamp = z.union([
  z.number().refine(isPlausibleEpochMs, 'epoch milliseconds between the years 2000 and 2100'),
  z.iso.datetime({ offset: true }),
]);
const eventId = z.string().min(1).max(128);

export const jsonTelemetryBody = z.object({
  id: eventId.optional(),
  ts: timestamp.optional(),
  metrics: z.record(z.string().min(1).max(128), z.union([z.number(), z.boolean(), z.string().max(256)])),
  deviceType: deviceType.optional(),
  quality: z.enum(['good', 'uncertain', 'bad']).optional(),
  /** The device's kind in the site's catalogue (`water_level`, `camera`…); default: its device type. */
  category: z.string().min(1).max(64).optional(),
  /** Where the device is (a GPS fix, or its installed position); WGS84 unless `crs` says GCJ02/BD09. */
  location: location.optional(),
});

export const jsonStatusBody = z.object({
  id: eventId.optional(),
  ts: timestamp.optional(),
  status: z.enum(['online', 'offline', 'fault']),
  reason: z.string().max(512).optional(),
  deviceType: deviceType.optional(),
  category: z.string().min(1).max(64).optional(),
  location: location.optional(),
});

export interface JsonTopicDecoderOptions {
  deviceTypeOf?: DeviceTypeLookup;
  /** Used when neither the body nor the registry names the type. */
  defaultDeviceType?: DeviceType;
  now?: () => Date;
}

/**
 * Plain JSON device topics. Ids are deterministic per message (the body's `id`, else the SHA-1 of
 * topic and raw bytes), so a QoS 1 redelivery is stored once.
 */
export class JsonTopicDecoder {
  constructor(private readonly options: JsonTopicDecoderOptions = {}) {}

  static handles(topic: string): boolean {
    return topic.startsWith(`${JSON_TOPIC_ROOT}/`);
  }

  decode(topic: string, payload: Buffer): DecodeResult {
    const parsedTopic = parseJsonTopic(topic);
    if (!parsedTopic.success) {
      return deadLetter(
        `malformed topic ${topic}: expected zhongshu/{tenant}/devices/{deviceId}/{telemetry|status|event}`,
      );
    }
    let body: unknown;
    try {
      body = JSON.parse(payload.toString('utf8'));
    } catch (error) {
      return deadLetter(`invalid JSON on ${topic}: ${(error as Error).message}`);
    }
    const { tenant, deviceId, kind } = parsedTopic.data;
    // The body of an `event` topic already is a CityEvent; the adapter validates it like any other.
    if (kind === 'event') return { kind: 'events', events: [body as CityEventInput], notes: [], passThrough: true };

    const schema = kind === 'telemetry' ? jsonTelemetryBody : jsonStatusBody;
    const parsed = schema.safeParse(body);
    if (!parsed.success) return deadLetter(`invalid ${kind} body on ${topic}: ${describeIssues(parsed.error)}`);
    const data = parsed.data;
    const type = data.deviceType ?? this.options.deviceTypeOf?.(deviceId) ?? this.options.defaultDeviceType ?? 'sensor';
    const envelope = {
      specversion: '1.0' as const,
      id: data.id ?? boundedId('mqtt', sha1(topic, payload)),
      source: `/mqtt/${tenant}`,
      time: this.timeOf(data.ts),
      subject: deviceId,
      category: data.category ?? type,
      ...(data.location ? { location: data.location } : {}),
    };
    if ('metrics' in data) {
      return {
        kind: 'events',
        events: [
          {
            ...envelope,
            type: EVENT_TYPES.deviceTelemetry,
            severity: 'info',
            data: { deviceId, deviceType: type, metrics: data.metrics, quality: data.quality ?? 'good' },
          },
        ],
        notes: [],
      };
    }
    return {
      kind: 'events',
      events: [
        {
          ...envelope,
          type: EVENT_TYPES.deviceStatus,
          severity: data.status === 'online' ? 'info' : data.status === 'offline' ? 'minor' : 'major',
          data: { deviceId, deviceType: type, status: data.status, ...(data.reason ? { reason: data.reason } : {}) },
        },
      ],
      notes: [],
    };
  }

  private timeOf(ts: string | number | undefined): string {
    if (typeof ts === 'string') return ts;
    return isoFromEpochMs(ts) ?? (this.options.now?.() ?? new Date()).toISOString();
  }
}
