import { EVENT_TYPES, kindOf, type CityEvent } from '../contracts/city-event';
import type { LiveEvent } from '../contracts/live';

/** One line a commander can read at a glance; Chinese content comes from the source itself. */
export function summarize(event: CityEvent): string {
  switch (event.type) {
    case EVENT_TYPES.hotlineTicket:
      return event.data.title;
    case EVENT_TYPES.urbanCase:
      return `${event.data.className} · ${event.data.address}`;
    case EVENT_TYPES.safetyAlarm:
      return event.data.description;
    case EVENT_TYPES.deviceTelemetry:
      return `${event.data.deviceId} ${Object.keys(event.data.metrics).slice(0, 3).join(' ')}`;
    case EVENT_TYPES.deviceStatus:
      return `${event.data.deviceId} ${event.data.status}`;
    case EVENT_TYPES.approvalCase:
      return `${event.data.itemName} · ${event.data.department}`;
    case EVENT_TYPES.hallQueue:
      return `${event.data.hallId} ${event.data.action} ${event.data.ticketNo ?? event.data.windowNo ?? ''}`.trim();
    case EVENT_TYPES.hallEvaluation:
      return `${event.data.hallId} ${'★'.repeat(event.data.rating)}`;
  }
}

export function toLiveEvent(event: CityEvent, wgs84?: { lng: number; lat: number }): LiveEvent {
  return {
    id: event.id,
    type: event.type,
    kind: kindOf(event.type),
    time: event.time,
    category: event.category,
    severity: event.severity,
    summary: summarize(event),
    townName: event.region?.town?.name,
    lng: wgs84?.lng,
    lat: wgs84?.lat,
  };
}

/**
 * The wall's feed lists matters a person acts on; routine telemetry still counts on tiles and shows
 * on the map, but would push every incident off the list within seconds.
 */
export function isFeedWorthy(event: { type: string; severity: CityEvent['severity'] }): boolean {
  return !(event.type === EVENT_TYPES.deviceTelemetry && event.severity === 'info');
}
