import { EVENT_TYPES } from '@zhongshu/stream';

/**
 * The facet expressions of migration 010 as filters on `events`, for drill-down: a click on
 * "受理方式 · 电话 128" lists exactly those 128 tickets. Keep in step with 010_kpi_facets.sql;
 * the KPI integration test asserts every drill total equals its KPI value.
 */
const data = (field: string) => `JSONExtractString(envelope, 'data', '${field}')`;
const type = (eventType: string) => `type = '${eventType}'`;

export const FACET_FILTERS = {
  channel: `${type(EVENT_TYPES.hotlineTicket)} AND ${data('channel')} = {key:String}`,
  ticketKind: `${type(EVENT_TYPES.hotlineTicket)} AND ${data('kind')} = {key:String}`,
  handling: `${type(EVENT_TYPES.hotlineTicket)} AND if(JSONExtractBool(envelope, 'data', 'needsHandling'), 'dispatched', 'answered') = {key:String}`,
  category: `${type(EVENT_TYPES.hotlineTicket)} AND ${data('categoryCode')} = {key:String}`,
  raisedAlarmType: `${type(EVENT_TYPES.safetyAlarm)} AND ${data('status')} IN ('', 'raised') AND ${data('alarmType')} = {key:String}`,
  raisedAlarmSeverity: `${type(EVENT_TYPES.safetyAlarm)} AND ${data('status')} IN ('', 'raised') AND severity = {key:String}`,
  raisedAlarm: `${type(EVENT_TYPES.safetyAlarm)} AND ${data('status')} IN ('', 'raised')`,
  deviceAlarm: `((${type(EVENT_TYPES.deviceStatus)} AND ${data('status')} IN ('offline', 'fault')) OR (${type(EVENT_TYPES.deviceTelemetry)} AND severity IN ('major', 'critical')))`,
  rating: `${type(EVENT_TYPES.hallEvaluation)} AND toString(JSONExtractInt(envelope, 'data', 'rating')) = {key:String}`,
  goodRating: `${type(EVENT_TYPES.hallEvaluation)} AND JSONExtractInt(envelope, 'data', 'rating') >= 4`,
  badRating: `${type(EVENT_TYPES.hallEvaluation)} AND JSONExtractInt(envelope, 'data', 'rating') <= 2`,
  gridEvent: `grid_code != '' AND kind IN ('hotline', 'urban', 'safety')`,
  source: `source = {key:String}`,
} as const;
