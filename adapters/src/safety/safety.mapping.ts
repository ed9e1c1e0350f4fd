import { EVENT_TYPES, type CityEventInput } from '@zhongshu/stream';
import { SAFETY_KINDS } from '../simulators/safety.catalogue';
import { severityOfLevel } from '../simulators/safety.simulator';
import { placeOf, stableId } from '../urban/push-kit';
import type { SafetyAlarmPush, SafetyAlarmPushInput } from './safety.schema';

export const SAFETY_PUSH_SOURCE = '/safety/push';
export const SAFETY_STREAM_SOURCE = '/safety/alarm-stream';

export interface SafetyMappingOptions {
  /** CloudEvents `source`; default `/safety/push`. */
  source?: string;
  /** Region code when the item carries no `areaCode`. */
  areaCode?: string;
}

/** `safety:{alarmId}:{status}`: raised, acknowledged and cleared are three events of one alarm. */
export const safetyEventId = (item: Pick<SafetyAlarmPush, 'alarmId' | 'status'>): string =>
  stableId('safety', item.alarmId, item.status);

const CODE_BY_NAME = new Map(SAFETY_KINDS.map((kind) => [`${kind.alarmType}/${kind.name}`, kind.code]));
const NAME_BY_CODE = new Map(SAFETY_KINDS.map((kind) => [kind.code, kind.name]));

/** The catalogue code (`video_ai.crowd`) when the alarm name is one it knows, else the alarm type. */
export function safetyCategory(item: Pick<SafetyAlarmPush, 'alarmType' | 'alarmName'>): string {
  return (item.alarmName && CODE_BY_NAME.get(`${item.alarmType}/${item.alarmName}`)) ?? item.alarmType;
}

/** A validated alarm as a CityEvent (`cn.zhongshu.safety.alarm.v1`); level 1→info, 2→minor, 3→major, 4→critical. */
export function safetyAlarmToCityEvent(item: SafetyAlarmPush, options: SafetyMappingOptions = {}): CityEventInput {
  return {
    specversion: '1.0',
    id: safetyEventId(item),
    source: options.source ?? SAFETY_PUSH_SOURCE,
    type: EVENT_TYPES.safetyAlarm,
    time: item.status === 'raised' ? item.raisedAt : (item.updatedAt ?? item.raisedAt),
    subject: item.alarmId,
    datacontenttype: 'application/json',
    ...placeOf(item, options.areaCode),
    severity: severityOfLevel(item.level),
    category: safetyCategory(item),
    data: {
      alarmId: item.alarmId,
      alarmType: item.alarmType,
      level: item.level,
      description: item.description,
      address: item.address,
      ...(item.deviceId ? { deviceId: item.deviceId } : {}),
      status: item.status,
    },
  };
}

/** What a security platform would send for a simulated alarm: feeds the demo's alarm stream and the specs. */
export function safetyAlarmFromEvent(event: CityEventInput): SafetyAlarmPushInput {
  if (event.type !== EVENT_TYPES.safetyAlarm) throw new Error(`not a safety alarm: ${event.type}`);
  const { data } = event;
  const alarmName = NAME_BY_CODE.get(event.category);
  return {
    alarmId: data.alarmId,
    alarmType: data.alarmType,
    ...(alarmName ? { alarmName } : {}),
    level: data.level,
    description: data.description,
    address: data.address,
    ...(data.deviceId ? { deviceId: data.deviceId } : {}),
    raisedAt: event.time,
    status: data.status ?? 'raised',
    ...(data.status && data.status !== 'raised' ? { updatedAt: event.time } : {}),
    ...(event.location ? { lng: event.location.lng, lat: event.location.lat, crs: event.location.crs } : {}),
    ...(event.region ? { areaCode: event.region.code } : {}),
  };
}
