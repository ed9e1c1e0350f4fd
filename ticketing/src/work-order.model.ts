import { z } from 'zod';

/**
 * The work order as stored and served. One shape for 12345 tickets, urban cases and alarms; a 联办 joint
 * order is the same record with `kind: 'joint'` and one child per unit. Times are ISO-8601 strings (UTC, as
 * `Date#toISOString` writes them) so the record round-trips through JSON, Redis and ClickHouse unchanged.
 */

export const WORK_ORDER_STATUSES = [
  'received', // 已接诉 (待受理)
  'accepted', // 已受理、已分类 (待派发)
  'dispatched', // 已派发 (待签收)
  'handling', // 处置中
  'suspended', // 已挂起 (clock paused)
  'verifying', // 已反馈 (待核查)
  'verified', // 已核查 (待办结)
  'closed', // 已办结 (待回访/评价)
  'evaluated', // 已评价
  'invalid', // 无效
  'merged', // 已合并 into another order
] as const;
export const workOrderStatus = z.enum(WORK_ORDER_STATUSES);
export type WorkOrderStatus = z.infer<typeof workOrderStatus>;

/** Statuses no action leaves, except `reopen` from `evaluated`/`closed` after an unsatisfied rating. */
export const TERMINAL_STATUSES: readonly WorkOrderStatus[] = ['invalid', 'merged'];

export const CHILD_STATUSES = [
  'pending', // 待响应 (awaiting sign-for)
  'signed', // 已签收 / 同意报到
  'refused', // 已拒绝 (awaiting the initiator's review)
  'disputed', // 归属判定中 (the initiator rejected the refusal; a leader rules)
  'released', // 已移出 (refusal accepted or ruled not responsible)
  'checked_in', // 已打卡报到
  'feedback_submitted', // 已反馈 (awaiting the unit leader's approval)
  'done', // 已审批完成
] as const;
export const childStatus = z.enum(CHILD_STATUSES);
export type ChildStatus = z.infer<typeof childStatus>;

export const URGENCIES = ['emergency', 'utilities', 'general', 'complex'] as const;
export const urgency = z.enum(URGENCIES);
export type Urgency = z.infer<typeof urgency>;

export const ROLES = ['commander', 'dispatcher', 'liaison', 'leader', 'engineer', 'admin'] as const;
export const role = z.enum(ROLES);
export type Role = z.infer<typeof role>;
/** `system` is the scheduler (automatic escalation); the API must never give it to a user. */
export const actorRole = z.enum([...ROLES, 'system']);
export type ActorRole = z.infer<typeof actorRole>;

export const WARNING_LEVELS = ['none', 'yellow', 'orange', 'red', 'overdue'] as const;
export const warningLevelSchema = z.enum(WARNING_LEVELS);
export type WarningLevel = z.infer<typeof warningLevelSchema>;

export const ACTIONS = [
  'accept',
  'dispatch',
  'sign',
  'refuse',
  'checkin',
  'feedback',
  'approve',
  'verify',
  'close',
  'evaluate',
  'return',
  'extend',
  'suspend',
  'resume',
  'invalidate',
  'reopen',
  'merge',
  'urge',
  'supervise',
  'rule',
] as const;
export const workOrderAction = z.enum(ACTIONS);
export type WorkOrderAction = z.infer<typeof workOrderAction>;

export const instant = z.iso.datetime({ offset: true });
const text = (max: number) => z.string().trim().min(1).max(max);
export const departmentCode = text(64);
export const userId = text(128);

/**
 * Who acts. `department` binds liaisons and engineers to their unit, and makes a leader that unit's
 * leader (单位领导); a leader without one is a district leader (分管区领导). `townCode` limits
 * district-level roles to one street (乡镇街道), "a street sees its region".
 */
export const actor = z.object({
  userId,
  role: actorRole,
  department: departmentCode.optional(),
  townCode: z
    .string()
    .regex(/^\d{9}$/, 'a 9-digit town code')
    .optional(),
});
export type Actor = z.infer<typeof actor>;

export const actorRef = z.object({ userId, role: actorRole, department: departmentCode.optional() });
export type ActorRef = z.infer<typeof actorRef>;

export const geoPoint = z.object({
  lng: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  /** Orders carry WGS-84 (the stream pipeline converts); duplicate search measures distance in it. */
  crs: z.enum(['WGS84', 'GCJ02', 'BD09']).default('WGS84'),
  address: z.string().max(256).optional(),
});
export type GeoPoint = z.infer<typeof geoPoint>;

/**
 * Caller (诉求人). Personal data: the API encrypts phone and ID numbers at rest (SM4) and masks them for
 * roles that may not see them.
 */
export const caller = z.object({
  name: z.string().max(64).optional(),
  phone: z.string().max(32).optional(),
  /** 身份证号 or another identity document number, when the caller gave one. */
  idNumber: z.string().max(32).optional(),
  channel: z.string().max(32).optional(),
  sourceEventId: z.string().max(128).optional(),
  receivedAt: instant,
});
export type Caller = z.infer<typeof caller>;

export const TIME_UNITS = ['minutes', 'hours', 'workingHours', 'workingDays'] as const;
/** `minutes`/`hours` are wall-clock; `workingHours`/`workingDays` run only on working days. */
export const timeLimit = z.object({ amount: z.number().positive().max(10_000), unit: z.enum(TIME_UNITS) });
export type TimeLimit = z.infer<typeof timeLimit>;

export const deadlines = z.object({
  /** When the handling clock started (受理), reset by 重办. */
  startedAt: instant.optional(),
  handleLimit: timeLimit.optional(),
  dueBy: instant.optional(),
  signLimit: timeLimit.optional(),
  /** Sign-for deadline of the current single-order dispatch; joint children carry their own. */
  signBy: instant.optional(),
  /** The deadline crossed a year with no calendar; recompute once the year is configured. */
  provisional: z.boolean().optional(),
});
export type Deadlines = z.infer<typeof deadlines>;

export const clock = z.object({
  pausedAt: instant.optional(),
  /** Total paused time so far, measured like the handling limit (working or wall-clock milliseconds). */
  pausedMs: z.number().min(0),
});
export type Clock = z.infer<typeof clock>;

export const SATISFACTIONS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export const ratingInput = z
  .object({
    satisfaction: z.enum(SATISFACTIONS),
    /** 是否解决, as the caller (or the rating side) confirms it. */
    resolved: z.boolean().optional(),
    reason: z.string().trim().max(1000).optional(),
  })
  .refine((r) => r.satisfaction !== 'unsatisfied' || (r.reason?.length ?? 0) > 0, {
    message: 'an unsatisfied rating needs a reason (不满意原因)',
    path: ['reason'],
  });
export type RatingInput = z.infer<typeof ratingInput>;
export const rating = z.object({
  satisfaction: z.enum(SATISFACTIONS),
  resolved: z.boolean().optional(),
  reason: z.string().max(1000).optional(),
  at: instant,
  by: actorRef,
});
export type Rating = z.infer<typeof rating>;

export const checkIn = z.object({
  /** When the unit was on site; for a make-up check-in (补卡) the time it claims, for a normal one `now`. */
  at: instant,
  lng: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  makeUp: z.boolean(),
  remark: z.string().max(500).optional(),
  /** When the system recorded it; differs from `at` only for a make-up check-in. */
  recordedAt: instant,
  by: userId,
});
export type CheckIn = z.infer<typeof checkIn>;

export const feedbackEntry = z.object({
  id: z.string(),
  at: instant,
  by: userId,
  measures: z.string().max(4000),
  result: z.string().max(4000),
  nextPlan: z.string().max(4000).optional(),
  attachments: z.array(z.string().max(512)).max(20).default([]),
  approvedBy: userId.optional(),
  approvedAt: instant.optional(),
  returnedBy: userId.optional(),
  returnedAt: instant.optional(),
  returnReason: z.string().max(1000).optional(),
});
export type FeedbackEntry = z.infer<typeof feedbackEntry>;

export const refusal = z.object({
  department: departmentCode,
  reason: z.string().max(1000),
  /** 依据: the regulation or the 三定 duty list the unit relies on. */
  basis: z.string().max(1000),
  at: instant,
  by: userId,
});
export type Refusal = z.infer<typeof refusal>;

export const ruling = z.object({
  /** 归属判定: `assign` = 是 (the unit is responsible and must handle), `release` = 否 (removed). */
  decision: z.enum(['assign', 'release']),
  note: z.string().max(1000),
  at: instant,
  by: userId,
});
export type Ruling = z.infer<typeof ruling>;

export const CHILD_ROLES = ['lead', 'co'] as const;
export const jointChild = z.object({
  id: z.string(),
  unit: departmentCode,
  /** 主办 lead or 协办 co-unit. */
  role: z.enum(CHILD_ROLES),
  status: childStatus,
  dispatchedAt: instant,
  signBy: instant,
  signedAt: instant.optional(),
  refusal: refusal.optional(),
  /** The initiator's review of the refusal, once made. */
  refusalReview: z
    .object({
      decision: z.enum(['accepted', 'rejected']),
      at: instant,
      by: userId,
      note: z.string().max(1000).optional(),
    })
    .optional(),
  ruling: ruling.optional(),
  checkIns: z.array(checkIn),
  feedback: z.array(feedbackEntry),
  doneAt: instant.optional(),
  /** The initiator's rating of this unit. */
  rating: rating.optional(),
  /** This unit's rating of the initiator (two-way rating). */
  ratingOfInitiator: rating.optional(),
});
export type JointChild = z.infer<typeof jointChild>;

export const handler = z.object({
  department: departmentCode,
  /** 下一处理人 inside the unit, when the dispatcher names one. */
  userId: userId.optional(),
  dispatchedAt: instant,
  signedAt: instant.optional(),
});
export type Handler = z.infer<typeof handler>;

export const ESCALATION_STEPS = ['urge', 'supervise', 'district'] as const;
export const escalationStep = z.enum(ESCALATION_STEPS);
export type EscalationStep = z.infer<typeof escalationStep>;
export const escalation = z.object({
  /** 催办 (to the handler), 督办 (to the department head), 领导督办 (to the district leader). */
  step: escalationStep,
  at: instant,
  by: actorRef,
  to: z.object({
    role: z.enum(['handler', 'department_head', 'district_leader']),
    departments: z.array(departmentCode),
  }),
  note: z.string().max(1000).optional(),
  /** Raised by the scheduler rather than a person. */
  auto: z.boolean(),
  /** The warning level when it was raised. */
  level: warningLevelSchema,
});
export type Escalation = z.infer<typeof escalation>;

export const extension = z.object({
  id: z.string(),
  requestedAt: instant,
  requestedBy: actorRef,
  requested: timeLimit,
  reason: z.string().max(1000),
  status: z.enum(['pending', 'approved', 'denied']),
  decidedAt: instant.optional(),
  decidedBy: actorRef.optional(),
  granted: timeLimit.optional(),
  note: z.string().max(1000).optional(),
  dueBefore: instant.optional(),
  dueAfter: instant.optional(),
});
export type Extension = z.infer<typeof extension>;

export const TIMELINE_ACTIONS = [...ACTIONS, 'create', 'auto_close', 'absorbed'] as const;
export const timelineEntry = z.object({
  /** Order version after this entry; the audit log and the projection can be cross-checked by it. */
  version: z.number().int().positive(),
  at: instant,
  actor: actorRef,
  action: z.enum(TIMELINE_ACTIONS),
  from: workOrderStatus.nullable(),
  to: workOrderStatus,
  childId: z.string().optional(),
  note: z.string().max(4000).optional(),
  /** Facts the assessment reads back (departments, sign-by, subjects); see `assessment.ts`. */
  data: z.record(z.string(), z.unknown()).default({}),
});
export type TimelineEntry = z.infer<typeof timelineEntry>;

export const workOrder = z.object({
  id: z.string().min(1).max(64),
  kind: z.enum(['single', 'joint']),
  status: workOrderStatus,
  /** Optimistic-concurrency version: every successful action bumps it; a stale command is refused. */
  version: z.number().int().positive(),
  title: text(200),
  description: z.string().max(4000),
  categoryCode: text(32),
  urgency,
  sourceEventIds: z.array(z.string().max(128)),
  callers: z.array(caller),
  regionCode: z.string().regex(/^\d{6}$/, 'a 6-digit GB/T 2260 area code'),
  townCode: z
    .string()
    .regex(/^\d{9}$/)
    .optional(),
  gridCode: z.string().max(64).optional(),
  location: geoPoint.optional(),
  createdAt: instant,
  createdBy: actorRef,
  /** 责任单位: the handler of a single order, the lead unit of a joint order. */
  ownerDepartment: departmentCode.optional(),
  handler: handler.optional(),
  /** Who launched the joint order (发起人); initiator-side actions belong to the command centre. */
  initiator: actorRef.optional(),
  deadlines,
  clock,
  warning: warningLevelSchema,
  escalations: z.array(escalation),
  extensions: z.array(extension),
  suspension: z.object({ at: instant, by: userId, reason: z.string().max(1000), resumeTo: workOrderStatus }).optional(),
  refusals: z.array(refusal),
  feedback: z.array(feedbackEntry),
  checkIns: z.array(checkIn),
  children: z.array(jointChild),
  /** When the handling side finished: the accepted feedback of a single order, the close of a joint one. */
  completedAt: instant.optional(),
  closure: z
    .object({
      at: instant,
      by: actorRef,
      note: z.string().max(4000).optional(),
      resolved: z.boolean(),
      auto: z.boolean(),
    })
    .optional(),
  /** 回访 result of a single order. Joint ratings live on the children. */
  rating: rating.optional(),
  invalidation: z.object({ at: instant, by: userId, reason: z.string().max(1000) }).optional(),
  mergedInto: z.string().optional(),
  mergedFrom: z.array(z.string()),
  reopenCount: z.number().int().min(0),
  timeline: z.array(timelineEntry),
});
export type WorkOrder = z.infer<typeof workOrder>;
export type WorkOrderKind = WorkOrder['kind'];
