import { z } from 'zod';

/**
 * Payloads per event type. Enum values are English identifiers; the screens' message catalogue
 * carries the Chinese labels (咨询, 求助, …) so one vocabulary serves code, API and UI.
 */

const text = (max: number) => z.string().min(1).max(max);

/** 12345 hotline ticket (政务服务便民热线工单). Caller fields are personal data. */
export const hotlineTicketPayload = z.object({
  ticketNo: text(64),
  /** 受理方式: 电话/网站/微信/APP/小程序 */
  channel: z.enum(['phone', 'web', 'wechat', 'app', 'miniprogram']),
  /** 诉求类型: 咨询/求助/投诉/举报/建议/表扬 */
  kind: z.enum(['consult', 'help', 'complaint', 'report', 'suggestion', 'praise']),
  /** 3-level, 6-digit category code (GB/T 39666 style), e.g. 030102. */
  categoryCode: z.string().regex(/^\d{6}$/),
  categoryName: text(64),
  title: text(200),
  content: text(4000),
  address: text(256),
  caller: z.object({ name: z.string().max(64).optional(), phone: z.string().max(32).optional() }).optional(),
  /** 直接办结 (answered on the call) vs. needs a work order. */
  needsHandling: z.boolean(),
  status: z.enum(['accepted', 'dispatched', 'in_progress', 'closed', 'overdue']).default('accepted'),
});

/** 数字城管 case: 部件/事件 classification (CJ/T 214), grid, reporter, 7-stage flow. */
export const urbanCaseStage = z.enum(['collect', 'register', 'dispatch', 'dispose', 'feedback', 'verify', 'close']);
export const urbanCasePayload = z.object({
  caseNo: text(64),
  classType: z.enum(['component', 'event']),
  /** CJ/T 214 style class code: major 2 digits + minor 2 digits, e.g. 0101 (上水井盖). */
  classCode: z.string().regex(/^\d{4}$/),
  className: text(64),
  gridCode: text(64),
  reporterType: z.enum(['inspector', 'citizen', 'video_ai']),
  stage: urbanCaseStage,
  description: text(2000),
  address: text(256),
  department: z.string().max(64).optional(),
});

/** 综治/治安/消防/交通 alarm. */
export const safetyAlarmPayload = z.object({
  alarmId: text(64),
  alarmType: z.enum(['video_ai', 'fire', 'gas', 'dispute', 'traffic', 'public_order']),
  /** 1 (lowest) to 4 (highest), as most security platforms number them. */
  level: z.number().int().min(1).max(4),
  description: text(2000),
  address: text(256),
  deviceId: z.string().max(128).optional(),
  status: z.enum(['raised', 'acknowledged', 'cleared']).default('raised'),
});

export const deviceType = z.enum([
  'sensor',
  'camera',
  'nvr',
  'kiosk',
  'queue_machine',
  'evaluation_pad',
  'server',
  'network',
  'plc',
]);

/** 物联感知 telemetry: a flat bag of metric readings. */
export const deviceTelemetryPayload = z.object({
  deviceId: text(128),
  deviceType,
  metrics: z.record(z.string().min(1).max(128), z.union([z.number(), z.boolean(), z.string().max(256)])),
  quality: z.enum(['good', 'uncertain', 'bad']).default('good'),
});

/** Birth/death and faults. */
export const deviceStatusPayload = z.object({
  deviceId: text(128),
  deviceType,
  status: z.enum(['online', 'offline', 'fault']),
  reason: z.string().max(512).optional(),
});

/** 一网通办 case lifecycle: 预受理→受理→补齐补正→挂起→办结/不予受理. */
export const approvalCasePayload = z.object({
  caseNo: text(64),
  itemName: text(200),
  department: text(64),
  stage: z.enum(['pre_accept', 'accept', 'supplement', 'suspend', 'complete', 'reject']),
  /** 法定时限 / 承诺时限 in working days; 0 means 即办件. */
  statutoryDays: z.number().int().min(0).max(365),
  committedDays: z.number().int().min(0).max(365),
  onlineAvailable: z.boolean(),
  applicantType: z.enum(['person', 'enterprise']),
});

/** Hall queue (取号/叫号) and window-state changes. */
export const windowState = z.enum(['logged_out', 'idle', 'serving', 'paused']);
export const hallQueuePayload = z.object({
  hallId: text(64),
  action: z.enum(['take_number', 'call', 'window_state']),
  ticketNo: z.string().max(32).optional(),
  windowNo: z.string().max(16).optional(),
  windowState: windowState.optional(),
  businessType: z.string().max(64).optional(),
  waitingCount: z.number().int().min(0),
  /** Seconds the called number waited; present on `call`. */
  waitSeconds: z.number().int().min(0).optional(),
});

/** 好差评 rating: 1 非常不满意 … 5 非常满意. */
export const hallEvaluationPayload = z.object({
  hallId: text(64),
  windowNo: z.string().max(16).optional(),
  caseNo: z.string().max(64).optional(),
  rating: z.number().int().min(1).max(5),
  channel: z.enum(['pad', 'sms', 'app', 'web']),
  comment: z.string().max(1000).optional(),
});
