import { ACTION_LABELS, CHILD_STATUS_LABELS, STATUS_LABELS, type Label } from './work-order.labels';
import type { ChildStatus, WorkOrderAction, WorkOrderStatus } from './work-order.model';

/**
 * Stable codes the API maps to HTTP once, at the edge: INVALID_COMMAND → 400, FORBIDDEN → 403,
 * OUT_OF_SCOPE → 403 (or 404 to hide existence), VERSION_CONFLICT → 409, TRANSITION_NOT_ALLOWED → 409,
 * CHILD_NOT_FOUND → 404, PRECONDITION_FAILED → 422, CALENDAR_YEAR_MISSING → 503 (configuration).
 */
export const DOMAIN_ERROR_CODES = [
  'INVALID_COMMAND',
  'FORBIDDEN',
  'OUT_OF_SCOPE',
  'VERSION_CONFLICT',
  'TRANSITION_NOT_ALLOWED',
  'CHILD_NOT_FOUND',
  'PRECONDITION_FAILED',
  'CALENDAR_YEAR_MISSING',
] as const;
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

/** A plain, serialisable value: `decide` returns it, it is never thrown across the package boundary. */
export interface DomainError {
  code: DomainErrorCode;
  message: Label;
  /** Machine-readable particulars (current version, status, child id…) for clients and logs. */
  details?: Record<string, unknown>;
}

export const domainError = (code: DomainErrorCode, message: Label, details?: Record<string, unknown>): DomainError => ({
  code,
  message,
  ...(details ? { details } : {}),
});

export const invalidCommand = (issues: string): DomainError =>
  domainError('INVALID_COMMAND', { zh: `请求内容不合法：${issues}`, en: `invalid command: ${issues}` }, { issues });

export const forbidden = (action: WorkOrderAction, role: string): DomainError =>
  domainError(
    'FORBIDDEN',
    {
      zh: `当前角色无权执行“${ACTION_LABELS[action].zh}”`,
      en: `the ${role} role may not ${ACTION_LABELS[action].en} here`,
    },
    { action, role },
  );

export const outOfScope = (why: Label): DomainError =>
  domainError('OUT_OF_SCOPE', { zh: `超出数据权限范围：${why.zh}`, en: `outside your data scope: ${why.en}` });

export const versionConflict = (expected: number, actual: number, orderId: string): DomainError =>
  domainError(
    'VERSION_CONFLICT',
    {
      zh: '工单已被他人更新，请刷新后重试',
      en: 'the work order changed since you loaded it; reload and try again',
    },
    { orderId, sentVersion: expected, currentVersion: actual },
  );

export const transitionNotAllowed = (action: WorkOrderAction, status: WorkOrderStatus): DomainError =>
  domainError(
    'TRANSITION_NOT_ALLOWED',
    {
      zh: `工单当前状态（${STATUS_LABELS[status].zh}）不允许“${ACTION_LABELS[action].zh}”`,
      en: `cannot ${ACTION_LABELS[action].en} a work order that is ${STATUS_LABELS[status].en}`,
    },
    { action, status },
  );

export const childTransitionNotAllowed = (action: WorkOrderAction, childId: string, status: ChildStatus): DomainError =>
  domainError(
    'TRANSITION_NOT_ALLOWED',
    {
      zh: `联办单位任务当前状态（${CHILD_STATUS_LABELS[status].zh}）不允许“${ACTION_LABELS[action].zh}”`,
      en: `cannot ${ACTION_LABELS[action].en} a unit task that is ${CHILD_STATUS_LABELS[status].en}`,
    },
    { action, childId, childStatus: status },
  );

export const childNotFound = (childId: string | undefined): DomainError =>
  domainError(
    'CHILD_NOT_FOUND',
    { zh: '联办单位任务不存在', en: `no unit task ${childId ?? '(missing childId)'} on this order` },
    { childId },
  );

export const preconditionFailed = (why: Label, details?: Record<string, unknown>): DomainError =>
  domainError(
    'PRECONDITION_FAILED',
    { zh: `不满足操作条件：${why.zh}`, en: `precondition failed: ${why.en}` },
    details,
  );

export const calendarYearMissing = (year: number): DomainError =>
  domainError(
    'CALENDAR_YEAR_MISSING',
    {
      zh: `未配置${year}年工作日历，无法计算办理时限`,
      en: `no working-day calendar for ${year}; cannot compute the deadline`,
    },
    { year },
  );
