import { createHash } from 'node:crypto';
import { EVENT_TYPES, type CityEventInput } from '@zhongshu/stream';
import { formatCityTime } from '../simulators/city-time';
import type { OpcUaEndpointConfig, OpcUaItemConfig } from './opcua-config.schema';
import { itemKey } from './opcua-config.schema';
import type { DataValueLike, MetricValue, Quality } from './opcua-value.mapper';

export type DeviceStatus = 'online' | 'offline';

/** CloudEvents `source` of one endpoint. */
export const opcUaSource = (endpoint: Pick<OpcUaEndpointConfig, 'name'>): string => `/opcua/${endpoint.name}`;
/** Dead-letter and submit origin of one endpoint. */
export const opcUaOrigin = (endpoint: Pick<OpcUaEndpointConfig, 'name'>): string => `opcua:${endpoint.name}`;

/**
 * The instant a reading stands for: the device's own clock when it gave one, else the server's,
 * else now. Only the first two make a redelivered value hash to the same id.
 */
export function readingTime(dataValue: Pick<DataValueLike, 'sourceTimestamp' | 'serverTimestamp'>, now: Date): Date {
  return validDate(dataValue.sourceTimestamp) ?? validDate(dataValue.serverTimestamp) ?? now;
}

/**
 * Same endpoint + node + source timestamp (to the picosecond) → same id, so a value the server sends
 * again (a transferred subscription, a re-created monitored item) is stored once by the pipeline.
 */
export function telemetryEventId(
  endpoint: Pick<OpcUaEndpointConfig, 'name'>,
  item: OpcUaItemConfig,
  at: Date,
  picoseconds = 0,
): string {
  return `opcua-${digest(['telemetry', endpoint.name, itemKey(item), at.toISOString(), picoseconds])}`;
}

export interface TelemetryReading {
  endpoint: OpcUaEndpointConfig;
  item: OpcUaItemConfig;
  value: MetricValue;
  quality: Quality;
  at: Date;
  picoseconds?: number;
}

export function telemetryEvent({ endpoint, item, value, quality, at, picoseconds }: TelemetryReading): CityEventInput {
  return {
    ...envelope(endpoint, telemetryEventId(endpoint, item, at, picoseconds), at),
    type: EVENT_TYPES.deviceTelemetry,
    severity: quality === 'good' ? 'info' : 'minor',
    data: {
      deviceId: endpoint.deviceId,
      deviceType: endpoint.deviceType,
      metrics: { [item.metric]: value },
      quality,
    },
  };
}

export function statusEvent(
  endpoint: OpcUaEndpointConfig,
  status: DeviceStatus,
  reason: string,
  at: Date,
): CityEventInput {
  return {
    ...envelope(endpoint, `opcua-${digest(['status', endpoint.name, status, at.toISOString()])}`, at),
    type: EVENT_TYPES.deviceStatus,
    severity: status === 'online' ? 'info' : 'minor',
    data: {
      deviceId: endpoint.deviceId,
      deviceType: endpoint.deviceType,
      status,
      reason: reason.slice(0, 512),
    },
  };
}

function envelope(endpoint: OpcUaEndpointConfig, id: string, at: Date) {
  return {
    specversion: '1.0' as const,
    id,
    source: opcUaSource(endpoint),
    time: formatCityTime(at),
    subject: endpoint.deviceId,
    datacontenttype: 'application/json' as const,
    category: endpoint.category ?? endpoint.deviceType,
    ...(endpoint.location ? { location: endpoint.location } : {}),
    ...(endpoint.regionCode ? { region: { code: endpoint.regionCode } } : {}),
  };
}

const digest = (parts: ReadonlyArray<string | number>): string =>
  createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 40);

const validDate = (date: Date | null | undefined): Date | undefined =>
  date instanceof Date && !Number.isNaN(date.getTime()) && date.getTime() > 0 ? date : undefined;
