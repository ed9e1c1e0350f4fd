import { EVENT_TYPES, summarize, type CityEvent, type LiveAlert, type StoredEvent } from '@zhongshu/stream';

const DEVICE_STATUS_ZH = { offline: '设备离线', fault: '设备故障' } as const;
const DEVICE_STATUS_EN = { offline: 'Device offline', fault: 'Device fault' } as const;

/**
 * One alert per thing, not per message: a case or alarm that is updated keeps its alert id, so the
 * board (which ignores ids it has seen) raises it once.
 */
const alertId = (prefix: string, event: CityEvent) => `${prefix}:${event.type}:${event.subject ?? event.id}`;

function place(stored: StoredEvent): Pick<LiveAlert, 'townName' | 'lng' | 'lat'> {
  return {
    ...(stored.event.region?.town?.name ? { townName: stored.event.region.town.name } : {}),
    ...(stored.wgs84 ? { lng: stored.wgs84.lng, lat: stored.wgs84.lat } : {}),
  };
}

/** An alarm being acknowledged or cleared is good news, not a new alert. */
function isFollowUp(event: CityEvent): boolean {
  return event.type === EVENT_TYPES.safetyAlarm && event.data.status !== 'raised';
}

function deviceAlert(stored: StoredEvent): LiveAlert | undefined {
  const { event } = stored;
  if (event.type === EVENT_TYPES.deviceStatus) {
    const status = event.data.status;
    if (status === 'online') return undefined;
    const what = event.data.reason ?? event.data.deviceId;
    return {
      // Each outage is its own alert: the same device failing again tomorrow must show again.
      id: `device:${event.data.deviceId}:${event.id}`,
      level: 'warning',
      kind: 'device',
      titleZh: `${DEVICE_STATUS_ZH[status]}：${what}`,
      titleEn: `${DEVICE_STATUS_EN[status]}: ${what}`,
      at: event.time,
      eventId: event.id,
      ...place(stored),
    };
  }
  if (event.type === EVENT_TYPES.deviceTelemetry && event.severity === 'critical') {
    const summary = summarize(event);
    return {
      id: alertId('device', event),
      level: 'critical',
      kind: 'device',
      titleZh: `设备读数越限：${summary}`,
      titleEn: `Device reading out of range: ${summary}`,
      at: event.time,
      eventId: event.id,
      ...place(stored),
    };
  }
  return undefined;
}

/** What a commander must see now, from a batch the warehouse just stored. */
export function alertsForEvents(batch: readonly StoredEvent[]): LiveAlert[] {
  const alerts: LiveAlert[] = [];
  for (const stored of batch) {
    const { event } = stored;
    if (event.type === EVENT_TYPES.deviceStatus || event.type === EVENT_TYPES.deviceTelemetry) {
      const alert = deviceAlert(stored);
      if (alert) alerts.push(alert);
      continue;
    }
    if (event.severity !== 'critical' || isFollowUp(event)) continue;
    const summary = summarize(event);
    alerts.push({
      id: alertId('event', event),
      level: 'critical',
      kind: 'event',
      titleZh: `紧急事件：${summary}`,
      titleEn: `Critical event: ${summary}`,
      at: event.time,
      eventId: event.id,
      ...place(stored),
    });
  }
  return alerts;
}
