import { z } from 'zod';
import { departmentCode, geoPoint, instant, ratingInput, timeLimit, urgency, userId } from './work-order.model';

/**
 * Command bodies of `POST /api/v1/work-orders/{id}/actions/{action}`: the API adds `action` from the path
 * and parses the body with this union. Every body carries the `version` the caller saw; a stale one is
 * refused with VERSION_CONFLICT, which is what makes exactly one of two conflicting actions succeed.
 */

const version = z.number().int().positive();
const note = z.string().trim().max(4000).optional();
const reason = z.string().trim().min(1).max(1000);
const childId = z.string().min(1).max(80);

export const acceptCommand = z.object({
  action: z.literal('accept'),
  version,
  /** 分类: the dispatcher may correct what intake guessed. */
  categoryCode: z.string().trim().min(1).max(32).optional(),
  urgency: urgency.optional(),
  title: z.string().trim().min(1).max(200).optional(),
  description: z.string().max(4000).optional(),
  townCode: z
    .string()
    .regex(/^\d{9}$/)
    .optional(),
  gridCode: z.string().max(64).optional(),
  location: geoPoint.optional(),
  note,
});

export const dispatchUnit = z.object({
  department: departmentCode,
  /** 主办 or 协办; a lone unit is the lead. */
  role: z.enum(['lead', 'co']).optional(),
  /** 下一处理人 inside the unit (single orders). */
  userId: userId.optional(),
});
export type DispatchUnit = z.infer<typeof dispatchUnit>;

export const dispatchCommand = z.object({
  action: z.literal('dispatch'),
  version,
  units: z
    .array(dispatchUnit)
    .min(1)
    .max(30)
    .refine((units) => new Set(units.map((u) => u.department)).size === units.length, 'a unit appears twice')
    .refine((units) => units.filter((u) => u.role === 'lead').length <= 1, 'at most one lead unit (主办)'),
  note,
});

export const signCommand = z.object({ action: z.literal('sign'), version, childId: childId.optional(), note });

export const refuseCommand = z.object({
  action: z.literal('refuse'),
  version,
  childId: childId.optional(),
  reason,
  /** 依据 (legal basis or duty list); required because the initiator and the leader rule on it. */
  basis: reason,
});

export const checkinCommand = z
  .object({
    action: z.literal('checkin'),
    version,
    childId: childId.optional(),
    lng: z.number().min(-180).max(180),
    lat: z.number().min(-90).max(90),
    /** 补卡: records a past presence; needs the time claimed and a remark. */
    makeUp: z.boolean().default(false),
    at: instant.optional(),
    remark: z.string().trim().max(500).optional(),
  })
  .refine((c) => !c.makeUp || (c.at !== undefined && (c.remark?.length ?? 0) > 0), {
    message: 'a make-up check-in (补卡) needs `at` and a remark',
    path: ['remark'],
  })
  .refine((c) => c.makeUp || c.at === undefined, {
    message: 'a normal check-in is stamped by the server; send `at` only with makeUp',
    path: ['at'],
  });

export const feedbackCommand = z.object({
  action: z.literal('feedback'),
  version,
  childId: childId.optional(),
  measures: z.string().trim().min(1).max(4000),
  result: z.string().trim().min(1).max(4000),
  nextPlan: z.string().trim().max(4000).optional(),
  attachments: z.array(z.string().max(512)).max(20).optional(),
});

export const approveCommand = z.discriminatedUnion('subject', [
  /** The unit leader approves a child's feedback (审批反馈). */
  z.object({ action: z.literal('approve'), subject: z.literal('child_feedback'), version, childId, note }),
  /** The initiator accepts a unit's refusal (同意退回): the unit leaves the order. */
  z.object({ action: z.literal('approve'), subject: z.literal('refusal'), version, childId, note }),
]);

export const verifyCommand = z.object({ action: z.literal('verify'), version, note });

export const closeCommand = z.object({
  action: z.literal('close'),
  version,
  /** Required when closing directly (直接办结) or a joint order before every unit is done. */
  note,
  /** 办结 outcome: resolved, or closed with an explanation (未解决/解释说明). The 回访 may overturn it. */
  resolved: z.boolean().default(true),
});

export const evaluateCommand = z.discriminatedUnion('rater', [
  /** The centre's side: a single order's 回访 result, or the initiator rating one unit of a joint order. */
  z.object({
    action: z.literal('evaluate'),
    rater: z.literal('centre'),
    version,
    childId: childId.optional(),
    rating: ratingInput,
  }),
  /** A unit of a joint order rates the initiator (双向评价). */
  z.object({ action: z.literal('evaluate'), rater: z.literal('unit'), version, childId, rating: ratingInput }),
]);

export const returnCommand = z.discriminatedUnion('subject', [
  /** The unit hands a signed single order back to the centre (退回: not ours after all). */
  z.object({ action: z.literal('return'), subject: z.literal('order'), version, reason }),
  /** The centre sends a single order's feedback back for rework (核查不通过 / 退回重办). */
  z.object({ action: z.literal('return'), subject: z.literal('feedback'), version, reason }),
  /** The unit leader sends a child's feedback back (重新处置). */
  z.object({ action: z.literal('return'), subject: z.literal('child_feedback'), version, childId, reason }),
  /** The initiator rejects a unit's refusal: it goes to a leader's 归属判定. */
  z.object({ action: z.literal('return'), subject: z.literal('refusal'), version, childId, reason }),
]);

export const extendCommand = z.discriminatedUnion('decision', [
  z.object({ action: z.literal('extend'), decision: z.literal('request'), version, by: timeLimit, reason }),
  z.object({
    action: z.literal('extend'),
    decision: z.literal('approve'),
    version,
    /** Grant less (or more) than asked; defaults to the request. */
    granted: timeLimit.optional(),
    note,
  }),
  z.object({ action: z.literal('extend'), decision: z.literal('deny'), version, reason }),
]);

export const suspendCommand = z.object({ action: z.literal('suspend'), version, reason });
export const resumeCommand = z.object({ action: z.literal('resume'), version, note });
export const invalidateCommand = z.object({ action: z.literal('invalidate'), version, reason });
export const reopenCommand = z.object({ action: z.literal('reopen'), version, reason });

export const mergeCommand = z.object({
  action: z.literal('merge'),
  /** The survivor's version; each duplicate names the version its caller saw too. */
  version,
  duplicates: z
    .array(z.object({ id: z.string().min(1).max(64), version }))
    .min(1)
    .max(50)
    .refine((d) => new Set(d.map((x) => x.id)).size === d.length, 'a duplicate appears twice'),
  note,
});

export const urgeCommand = z.object({ action: z.literal('urge'), version, note });
export const superviseCommand = z.object({
  action: z.literal('supervise'),
  version,
  /** 督办 to the department head, or 领导督办 by the district leader (the last ladder step). */
  level: z.enum(['department_head', 'district_leader']).default('department_head'),
  note,
});

export const ruleCommand = z.object({
  action: z.literal('rule'),
  version,
  childId,
  decision: z.enum(['assign', 'release']),
  note: z.string().trim().min(1).max(1000),
});

export const workOrderCommand = z.discriminatedUnion('action', [
  acceptCommand,
  dispatchCommand,
  signCommand,
  refuseCommand,
  checkinCommand,
  feedbackCommand,
  approveCommand,
  verifyCommand,
  closeCommand,
  evaluateCommand,
  returnCommand,
  extendCommand,
  suspendCommand,
  resumeCommand,
  invalidateCommand,
  reopenCommand,
  mergeCommand,
  urgeCommand,
  superviseCommand,
  ruleCommand,
]);
/** A parsed command (defaults applied). */
export type WorkOrderCommand = z.infer<typeof workOrderCommand>;
/** What a client may send (defaults may be left out). */
export type WorkOrderCommandInput = z.input<typeof workOrderCommand>;
export type CommandOf<A extends WorkOrderCommand['action']> = Extract<WorkOrderCommand, { action: A }>;

/**
 * An action together with its variant: the unit of the permission and transition tables, because
 * `approve`, `return`, `extend` and `evaluate` mean different things for different people.
 */
export const COMMAND_KEYS = [
  'accept',
  'dispatch',
  'sign',
  'refuse',
  'checkin',
  'feedback',
  'approve.child_feedback',
  'approve.refusal',
  'verify',
  'close',
  'evaluate.centre',
  'evaluate.unit',
  'return.order',
  'return.feedback',
  'return.child_feedback',
  'return.refusal',
  'extend.request',
  'extend.approve',
  'extend.deny',
  'suspend',
  'resume',
  'invalidate',
  'reopen',
  'merge',
  'urge',
  'supervise',
  'rule',
] as const;
export type CommandKey = (typeof COMMAND_KEYS)[number];

export function commandKey(command: WorkOrderCommand): CommandKey {
  switch (command.action) {
    case 'approve':
      return `approve.${command.subject}`;
    case 'evaluate':
      return `evaluate.${command.rater}`;
    case 'return':
      return `return.${command.subject}`;
    case 'extend':
      return `extend.${command.decision}`;
    default:
      return command.action;
  }
}
