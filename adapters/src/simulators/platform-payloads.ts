import { EVENT_TYPES, type CityEventInput } from '@zhongshu/stream';
import type { HotlinePushInput } from '../hotline';
import type { SafetyAlarmPushInput } from '../safety';
import type { ApprovalsPushInput } from '../approvals';
import type { UrbanCasePushInput } from '../urban';

/**
 * What the simulated city's platforms send over the wire: the simulators think in CityEvents, the
 * field speaks each platform's own payload, so the demo exercises the same mapping as production.
 */
type Event<T extends CityEventInput['type']> = Extract<CityEventInput, { type: T }>;

const point = (event: CityEventInput) =>
  event.location ? { lng: event.location.lng, lat: event.location.lat, crs: event.location.crs ?? 'WGS84' } : {};

export function toHotlinePush(event: Event<typeof EVENT_TYPES.hotlineTicket>): HotlinePushInput {
  const { data } = event;
  return {
    ticketNo: data.ticketNo,
    acceptedAt: event.time,
    channel: data.channel,
    kind: data.kind,
    categoryCode: data.categoryCode,
    categoryName: data.categoryName,
    title: data.title,
    content: data.content,
    address: data.address,
    ...point(event),
    caller: data.caller,
    needsHandling: data.needsHandling,
    status: data.status,
  };
}

export function toUrbanCasePush(event: Event<typeof EVENT_TYPES.urbanCase>): UrbanCasePushInput {
  const { data } = event;
  return {
    caseNo: data.caseNo,
    classType: data.classType,
    classCode: data.classCode,
    className: data.className,
    gridCode: data.gridCode,
    reporterType: data.reporterType,
    stage: data.stage,
    description: data.description,
    address: data.address,
    department: data.department,
    occurredAt: event.time,
    ...point(event),
  };
}

export function toSafetyAlarmPush(event: Event<typeof EVENT_TYPES.safetyAlarm>): SafetyAlarmPushInput {
  const { data } = event;
  return {
    alarmId: data.alarmId,
    alarmType: data.alarmType,
    level: data.level,
    description: data.description,
    address: data.address,
    deviceId: data.deviceId,
    raisedAt: event.time,
    status: data.status,
    ...point(event),
  };
}

export function toApprovalsPush(
  event: Event<typeof EVENT_TYPES.approvalCase | typeof EVENT_TYPES.hallQueue | typeof EVENT_TYPES.hallEvaluation>,
): ApprovalsPushInput {
  switch (event.type) {
    case EVENT_TYPES.approvalCase:
      return { kind: 'case', ...event.data, at: event.time };
    case EVENT_TYPES.hallQueue:
      return { kind: 'queue', ...event.data, at: event.time };
    case EVENT_TYPES.hallEvaluation:
      return { kind: 'evaluation', ...event.data, at: event.time };
  }
}
