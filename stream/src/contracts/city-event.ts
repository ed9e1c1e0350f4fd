import { z } from 'zod';
import {
  approvalCasePayload,
  deviceStatusPayload,
  deviceTelemetryPayload,
  hallEvaluationPayload,
  hallQueuePayload,
  hotlineTicketPayload,
  safetyAlarmPayload,
  urbanCasePayload,
} from './payloads';

/**
 * Event types are versioned in their name (`.v1`): a breaking payload change is a new type,
 * so old rows in the warehouse stay readable and old producers keep working.
 */
export const EVENT_TYPES = {
  hotlineTicket: 'cn.zhongshu.hotline.ticket.v1',
  urbanCase: 'cn.zhongshu.urban.case.v1',
  safetyAlarm: 'cn.zhongshu.safety.alarm.v1',
  deviceTelemetry: 'cn.zhongshu.device.telemetry.v1',
  deviceStatus: 'cn.zhongshu.device.status.v1',
  approvalCase: 'cn.zhongshu.approval.case.v1',
  hallQueue: 'cn.zhongshu.hall.queue.v1',
  hallEvaluation: 'cn.zhongshu.hall.evaluation.v1',
} as const;

export type EventType = (typeof EVENT_TYPES)[keyof typeof EVENT_TYPES];

/** The six source families of product.md; walls count and colour by these. */
export const SOURCE_KINDS = ['hotline', 'urban', 'safety', 'device', 'approval', 'hall'] as const;
export const sourceKind = z.enum(SOURCE_KINDS);
export type SourceKind = z.infer<typeof sourceKind>;

const KIND_BY_TYPE: Record<EventType, SourceKind> = {
  [EVENT_TYPES.hotlineTicket]: 'hotline',
  [EVENT_TYPES.urbanCase]: 'urban',
  [EVENT_TYPES.safetyAlarm]: 'safety',
  [EVENT_TYPES.deviceTelemetry]: 'device',
  [EVENT_TYPES.deviceStatus]: 'device',
  [EVENT_TYPES.approvalCase]: 'approval',
  [EVENT_TYPES.hallQueue]: 'hall',
  [EVENT_TYPES.hallEvaluation]: 'hall',
};

export function kindOf(type: EventType): SourceKind {
  return KIND_BY_TYPE[type];
}

export const coordinateSystem = z.enum(['WGS84', 'GCJ02', 'BD09']);
export type CoordinateSystem = z.infer<typeof coordinateSystem>;

export const location = z.object({
  lng: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  /** The system the coordinates came in; the pipeline converts to WGS-84 for maps and queries. */
  crs: coordinateSystem.default('WGS84'),
});
export type Location = z.infer<typeof location>;

const gbt2260Code = z.string().regex(/^\d{6}$/, 'a 6-digit GB/T 2260 area code');

export const region = z.object({
  /** County-level GB/T 2260 code, e.g. 460105 for 秀英区. */
  code: gbt2260Code,
  name: z.string().optional(),
  /** Street/town (乡镇街道) with its 9-digit statistical code. */
  town: z.object({ code: z.string().regex(/^\d{9}$/, 'a 9-digit town code'), name: z.string() }).optional(),
  /** Unit grid (网格) code. */
  grid: z.string().min(1).max(64).optional(),
});
export type Region = z.infer<typeof region>;

export const severity = z.enum(['info', 'minor', 'major', 'critical']);
export type Severity = z.infer<typeof severity>;

const envelope = {
  specversion: z.literal('1.0'),
  id: z.string().min(1).max(128),
  /** CloudEvents `source`: a URI-reference naming the producing system, e.g. `/hotline/12345`. */
  source: z.string().min(1).max(256),
  time: z.iso.datetime({ offset: true }),
  subject: z.string().max(256).optional(),
  datacontenttype: z.literal('application/json').optional(),
  region: region.optional(),
  location: location.optional(),
  severity: severity.default('info'),
  /** Category code in the source's catalogue (ticket category, CJ/T 214 class, alarm type…). */
  category: z.string().min(1).max(64),
};

export const cityEvent = z.discriminatedUnion('type', [
  z.object({ ...envelope, type: z.literal(EVENT_TYPES.hotlineTicket), data: hotlineTicketPayload }),
  z.object({ ...envelope, type: z.literal(EVENT_TYPES.urbanCase), data: urbanCasePayload }),
  z.object({ ...envelope, type: z.literal(EVENT_TYPES.safetyAlarm), data: safetyAlarmPayload }),
  z.object({ ...envelope, type: z.literal(EVENT_TYPES.deviceTelemetry), data: deviceTelemetryPayload }),
  z.object({ ...envelope, type: z.literal(EVENT_TYPES.deviceStatus), data: deviceStatusPayload }),
  z.object({ ...envelope, type: z.literal(EVENT_TYPES.approvalCase), data: approvalCasePayload }),
  z.object({ ...envelope, type: z.literal(EVENT_TYPES.hallQueue), data: hallQueuePayload }),
  z.object({ ...envelope, type: z.literal(EVENT_TYPES.hallEvaluation), data: hallEvaluationPayload }),
]);

/** A validated event as producers send it (defaults applied). */
export type CityEvent = z.infer<typeof cityEvent>;
/** What a producer may send: optional attributes with defaults may be left out. */
export type CityEventInput = z.input<typeof cityEvent>;

export type ParseResult = { ok: true; event: CityEvent } | { ok: false; reason: string };

/** Validates one untrusted item; the reason names every failing path so a partner can fix its feed. */
export function parseCityEvent(raw: unknown): ParseResult {
  const result = cityEvent.safeParse(raw);
  if (result.success) return { ok: true, event: result.data };
  return { ok: false, reason: describeIssues(result.error) };
}

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 10)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}
