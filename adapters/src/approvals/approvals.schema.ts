import { approvalCasePayload, hallEvaluationPayload, hallQueuePayload, windowState } from '@zhongshu/stream';
import { z } from 'zod';
import { bothOrNeither, labelled, platformTime, pointFields, text } from '../urban/push-kit';

export const APPROVAL_STAGES = approvalCasePayload.shape.stage.options;
export type ApprovalStage = (typeof APPROVAL_STAGES)[number];

/** 预受理→受理→补齐补正→挂起→办结/不予受理. */
export const APPROVAL_STAGE_LABELS: Readonly<Record<string, ApprovalStage>> = {
  预受理: 'pre_accept',
  受理: 'accept',
  补齐补正: 'supplement',
  补正: 'supplement',
  挂起: 'suspend',
  办结: 'complete',
  不予受理: 'reject',
};

const days = z.number().int().min(0).max(365);

/**
 * One step of a case's lifecycle as a 一窗受理 / approval system pushes it: the case as it is now, with its
 * 法定/承诺 time limits. Enumerations take our codes or the platform's Chinese labels.
 */
export const approvalCasePush = z
  .object({
    kind: z.literal('case'),
    /** 办件编号. */
    caseNo: text(64),
    /** 事项名称, e.g. 食品经营许可（新办）. */
    itemName: text(200),
    /** 事项编码 (实施编码) when the system has one; the event category (else the item name). */
    itemCode: text(64).optional(),
    /** 实施部门. */
    department: text(64),
    stage: labelled(APPROVAL_STAGES, APPROVAL_STAGE_LABELS),
    /** How many times the case has entered this stage (受理 again after 补齐补正 or 挂起 is round 2). Part of the id. */
    round: z.number().int().min(1).max(99).default(1),
    /** 法定时限 in working days; 0 = 即办件. */
    statutoryDays: days,
    /** 承诺时限 in working days; never more than the statutory limit. */
    committedDays: days,
    /** 网上可办. */
    onlineAvailable: z.boolean(),
    applicantType: labelled(['person', 'enterprise'], {
      自然人: 'person',
      个人: 'person',
      法人: 'enterprise',
      企业: 'enterprise',
    }),
    /** When the case entered `stage`. */
    at: platformTime,
    ...pointFields,
  })
  .superRefine((item, ctx) => {
    bothOrNeither(item, ctx);
    if (item.committedDays > item.statutoryDays) {
      ctx.addIssue({
        code: 'custom',
        path: ['committedDays'],
        message: '承诺时限 cannot exceed 法定时限 (statutoryDays)',
      });
    }
  });

export const HALL_ACTIONS = hallQueuePayload.shape.action.options;
export type HallAction = (typeof HALL_ACTIONS)[number];
export const WINDOW_STATES = windowState.options;

/** Queue machine and window events of the service hall (取号/叫号, window state). */
export const hallQueuePush = z
  .object({
    kind: z.literal('queue'),
    /** 大厅编码. */
    hallId: text(40),
    action: labelled(HALL_ACTIONS, { 取号: 'take_number', 叫号: 'call', 窗口状态: 'window_state' }),
    /** 排队号, e.g. A023; required for take_number and call. */
    ticketNo: text(32).optional(),
    /** 窗口号; required for call and window_state. */
    windowNo: text(16).optional(),
    windowState: labelled(WINDOW_STATES, {
      未登录: 'logged_out',
      空闲: 'idle',
      正在办理: 'serving',
      暂停办理: 'paused',
    }).optional(),
    /** 业务类型, e.g. 社保医保. */
    businessType: text(64).optional(),
    /** People waiting in the hall after this action. */
    waitingCount: z.number().int().min(0),
    /** How long the called number waited (call). */
    waitSeconds: z.number().int().min(0).optional(),
    at: platformTime,
    ...pointFields,
  })
  .superRefine((item, ctx) => {
    bothOrNeither(item, ctx);
    const need = (field: 'ticketNo' | 'windowNo' | 'windowState') => {
      if (item[field] === undefined)
        ctx.addIssue({ code: 'custom', path: [field], message: `required for ${item.action}` });
    };
    if (item.action === 'take_number' || item.action === 'call') need('ticketNo');
    if (item.action === 'call' || item.action === 'window_state') need('windowNo');
    if (item.action === 'window_state') need('windowState');
  });

/** 好差评: one rating of one service, on the window's pad or afterwards by SMS, app or web. */
export const hallEvaluationPush = z
  .object({
    kind: z.literal('evaluation'),
    hallId: text(40),
    windowNo: text(16).optional(),
    /** The case rated, when the rating system knows it. */
    caseNo: text(64).optional(),
    /** 1 非常不满意 … 5 非常满意. */
    rating: hallEvaluationPayload.shape.rating,
    channel: labelled(hallEvaluationPayload.shape.channel.options, {
      评价器: 'pad',
      短信: 'sms',
      APP: 'app',
      网站: 'web',
    }),
    comment: z.string().trim().max(1000).optional(),
    at: platformTime,
    ...pointFields,
  })
  .superRefine((item, ctx) => {
    bothOrNeither(item, ctx);
    if (item.windowNo === undefined && item.caseNo === undefined) {
      ctx.addIssue({ code: 'custom', path: ['caseNo'], message: 'a rating names its caseNo or its windowNo' });
    }
  });

/** `POST /api/v1/ingest/approvals` takes all three, told apart by `kind`. */
export const approvalsPush = z.discriminatedUnion('kind', [approvalCasePush, hallQueuePush, hallEvaluationPush]);

export type ApprovalsPushInput = z.input<typeof approvalsPush>;
export type ApprovalsPush = z.output<typeof approvalsPush>;
export type ApprovalCasePush = z.output<typeof approvalCasePush>;
export type HallQueuePush = z.output<typeof hallQueuePush>;
export type HallEvaluationPush = z.output<typeof hallEvaluationPush>;
