import { z } from 'zod';
import {
  ESCALATION_STEPS,
  timeLimit,
  urgency,
  WARNING_LEVELS,
  warningLevelSchema,
  type EscalationStep,
  type TimeLimit,
  type Urgency,
  type WarningLevel,
  type WorkOrder,
  type WorkOrderStatus,
} from './work-order.model';
import { DAY_MS, HOUR_MS, MINUTE_MS, WorkingCalendar, type WorkingCalendarOptions } from './working-calendar';

/**
 * Time limits, warnings and the escalation ladder. Everything here is a pure function of the order, the
 * instant and the policy, so the API, the scheduler and the wall compute the same colour for the same order.
 */

export interface DeadlineRule {
  /** Longest matching prefix of the category code wins; with `urgency` it applies to that urgency only. */
  categoryPrefix: string;
  urgency?: Urgency;
  handle?: TimeLimit;
  sign?: TimeLimit;
}

export interface WarningThresholds {
  /** Fractions of the allowed time elapsed at which the level starts (0 < yellow < orange < red ≤ 1). */
  yellow: number;
  orange: number;
  red: number;
}

/** The warning level at which each ladder step falls due. */
export type EscalationLadder = Record<EscalationStep, Exclude<WarningLevel, 'none'>>;

export interface DeadlinePolicy {
  handle: Record<Urgency, TimeLimit>;
  sign: Record<Urgency, TimeLimit>;
  overrides: DeadlineRule[];
  warnings: WarningThresholds;
  escalation: EscalationLadder;
  /** Approved extensions allowed per handling cycle (12345 practice: once). */
  maxExtensions: number;
}

export interface TicketingPolicy {
  calendar: WorkingCalendar;
  deadlines: DeadlinePolicy;
}

/**
 * Public reference values (product.md): 2 h emergencies and 24 h 水电气热 run on the wall clock because
 * they do not wait for Monday; general and complex matters run on working days. Sign-for (签收) limits:
 * 30 min for emergencies, 2 h wall-clock for utilities, 2 working hours otherwise (so a Friday-night
 * dispatch of a general matter is not late on Saturday).
 */
export const DEFAULT_DEADLINE_POLICY: DeadlinePolicy = {
  handle: {
    emergency: { amount: 2, unit: 'hours' },
    utilities: { amount: 24, unit: 'hours' },
    general: { amount: 7, unit: 'workingDays' },
    complex: { amount: 15, unit: 'workingDays' },
  },
  sign: {
    emergency: { amount: 30, unit: 'minutes' },
    utilities: { amount: 2, unit: 'hours' },
    general: { amount: 2, unit: 'workingHours' },
    complex: { amount: 2, unit: 'workingHours' },
  },
  overrides: [],
  warnings: { yellow: 0.5, orange: 0.75, red: 0.9 },
  escalation: { urge: 'orange', supervise: 'red', district: 'overdue' },
  maxExtensions: 1,
};

const perUrgency = z.object({
  emergency: timeLimit.optional(),
  utilities: timeLimit.optional(),
  general: timeLimit.optional(),
  complex: timeLimit.optional(),
});
const fraction = z.number().gt(0).max(1);
const ladderLevel = warningLevelSchema.exclude(['none']);

/** A city's JSON deadline configuration: every field optional, merged over the defaults. */
export const deadlinePolicyConfig = z.object({
  handle: perUrgency.optional(),
  sign: perUrgency.optional(),
  overrides: z
    .array(
      z.object({
        categoryPrefix: z.string().min(1).max(32),
        urgency: urgency.optional(),
        handle: timeLimit.optional(),
        sign: timeLimit.optional(),
      }),
    )
    .optional(),
  warnings: z.object({ yellow: fraction.optional(), orange: fraction.optional(), red: fraction.optional() }).optional(),
  escalation: z
    .object({ urge: ladderLevel.optional(), supervise: ladderLevel.optional(), district: ladderLevel.optional() })
    .optional(),
  maxExtensions: z.number().int().min(0).max(10).optional(),
});
export type DeadlinePolicyConfig = z.input<typeof deadlinePolicyConfig>;

export interface TicketingPolicyOptions {
  calendar?: WorkingCalendar | WorkingCalendarOptions;
  deadlines?: DeadlinePolicyConfig;
}

const LEVEL_RANK: Record<WarningLevel, number> = Object.fromEntries(
  WARNING_LEVELS.map((level, i) => [level, i]),
) as Record<WarningLevel, number>;

export function createTicketingPolicy(options: TicketingPolicyOptions = {}): TicketingPolicy {
  const config = deadlinePolicyConfig.parse(options.deadlines ?? {});
  const d = DEFAULT_DEADLINE_POLICY;
  const deadlines: DeadlinePolicy = {
    handle: { ...d.handle, ...stripUndefined(config.handle) },
    sign: { ...d.sign, ...stripUndefined(config.sign) },
    overrides: config.overrides ?? [],
    warnings: { ...d.warnings, ...stripUndefined(config.warnings) },
    escalation: { ...d.escalation, ...stripUndefined(config.escalation) },
    maxExtensions: config.maxExtensions ?? d.maxExtensions,
  };
  const { yellow, orange, red } = deadlines.warnings;
  if (!(yellow < orange && orange < red)) throw new RangeError('warning thresholds must rise: yellow < orange < red');
  const ranks = ESCALATION_STEPS.map((step) => LEVEL_RANK[deadlines.escalation[step]]);
  if (!(ranks[0] <= ranks[1] && ranks[1] <= ranks[2]))
    throw new RangeError('escalation steps must not fall due out of order');
  const calendar =
    options.calendar instanceof WorkingCalendar ? options.calendar : new WorkingCalendar(options.calendar);
  return { calendar, deadlines };
}

function stripUndefined<T extends object>(value: T | undefined): Partial<{ [K in keyof T]: Exclude<T[K], undefined> }> {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined)) as Partial<{
    [K in keyof T]: Exclude<T[K], undefined>;
  }>;
}

/** The limits for a category and urgency: the most specific override, else the urgency default. */
export function limitsFor(
  policy: TicketingPolicy,
  categoryCode: string,
  level: Urgency,
): { handle: TimeLimit; sign: TimeLimit } {
  const candidates = policy.deadlines.overrides
    .filter((rule) => categoryCode.startsWith(rule.categoryPrefix) && (!rule.urgency || rule.urgency === level))
    .sort((a, b) => b.categoryPrefix.length - a.categoryPrefix.length || Number(!!b.urgency) - Number(!!a.urgency));
  const handle = candidates.find((rule) => rule.handle)?.handle ?? policy.deadlines.handle[level];
  const sign = candidates.find((rule) => rule.sign)?.sign ?? policy.deadlines.sign[level];
  return { handle, sign };
}

export const isWorkingUnit = (limit: TimeLimit): boolean =>
  limit.unit === 'workingHours' || limit.unit === 'workingDays';

export function limitMs(limit: TimeLimit): number {
  switch (limit.unit) {
    case 'minutes':
      return limit.amount * MINUTE_MS;
    case 'hours':
    case 'workingHours':
      return limit.amount * HOUR_MS;
    case 'workingDays':
      return limit.amount * DAY_MS;
  }
}

/** The instant a limit started at `start` runs out (before pauses and extensions). */
export function addLimit(calendar: WorkingCalendar, start: Date, limit: TimeLimit): Date {
  return isWorkingUnit(limit)
    ? calendar.addWorkingTime(start, limitMs(limit))
    : new Date(start.getTime() + limitMs(limit));
}

/** Time between two instants as the limit counts it: working time or wall-clock time. */
export function measure(calendar: WorkingCalendar, limit: TimeLimit, from: Date, to: Date): number {
  return isWorkingUnit(limit) ? calendar.workingTimeBetween(from, to) : to.getTime() - from.getTime();
}

/** Moves a deadline later by `amount` measured like `limit` (pause credit, extension). */
export function shiftBy(calendar: WorkingCalendar, deadline: Date, limit: TimeLimit, amount: number): Date {
  if (amount <= 0) return deadline;
  return isWorkingUnit(limit) ? calendar.addWorkingTime(deadline, amount) : new Date(deadline.getTime() + amount);
}

/** Whether a deadline computed over [from, to] relied on the weekend-only fallback for some year. */
export function isProvisional(calendar: WorkingCalendar, from: Date, to: Date): boolean {
  return calendar.missingYears(from, to).length > 0;
}

const RUNNING: readonly WorkOrderStatus[] = ['accepted', 'dispatched', 'handling'];
const DELIVERED: readonly WorkOrderStatus[] = ['verifying', 'verified', 'closed', 'evaluated'];

/**
 * Share of the allowed handling time used at `at`: paused time excluded, approved extensions and pause
 * credit included in the allowance (both moved `dueBy`). `undefined` when the order has no running clock.
 */
export function elapsedFraction(order: WorkOrder, at: Date, policy: TicketingPolicy): number | undefined {
  const { startedAt, dueBy, handleLimit } = order.deadlines;
  if (!startedAt || !dueBy || !handleLimit) return undefined;
  const start = new Date(startedAt);
  const cal = policy.calendar;
  const allowed = measure(cal, handleLimit, start, new Date(dueBy)) - order.clock.pausedMs;
  const elapsed = measure(cal, handleLimit, start, at) - order.clock.pausedMs;
  if (allowed <= 0) return elapsed > 0 ? Infinity : 0;
  return elapsed / allowed;
}

/**
 * 黄/橙/红 at the configured fractions, `overdue` strictly after `dueBy`. A suspended order keeps the level
 * it had when paused; once the handling side has delivered (feedback, close) the level is `overdue` if it
 * delivered late and `none` otherwise, so walls stop chasing units for orders waiting on the centre.
 */
export function warningLevel(order: WorkOrder, now: Date, policy: TicketingPolicy): WarningLevel {
  const dueBy = order.deadlines.dueBy ? Date.parse(order.deadlines.dueBy) : undefined;
  if (dueBy === undefined) return 'none';
  if (DELIVERED.includes(order.status)) {
    return order.completedAt && Date.parse(order.completedAt) > dueBy ? 'overdue' : 'none';
  }
  let at: Date;
  if (RUNNING.includes(order.status)) at = now;
  else if (order.status === 'suspended' && order.clock.pausedAt) at = new Date(order.clock.pausedAt);
  else return 'none';
  if (at.getTime() > dueBy) return 'overdue';
  const used = elapsedFraction(order, at, policy) ?? 0;
  const { yellow, orange, red } = policy.deadlines.warnings;
  if (used >= red) return 'red';
  if (used >= orange) return 'orange';
  if (used >= yellow) return 'yellow';
  return 'none';
}

export interface EscalationDue {
  step: EscalationStep;
  /** The level that made it due. */
  level: WarningLevel;
  to: { role: 'handler' | 'department_head' | 'district_leader'; departments: string[] };
}

const STEP_TARGET: Record<EscalationStep, EscalationDue['to']['role']> = {
  urge: 'handler',
  supervise: 'department_head',
  district: 'district_leader',
};

/** Units still owing work: the single order's handler, or the joint children not done and not released. */
export function handlingDepartments(order: WorkOrder): string[] {
  if (order.kind === 'joint') {
    return order.children.filter((c) => c.status !== 'done' && c.status !== 'released').map((c) => c.unit);
  }
  return order.handler ? [order.handler.department] : [];
}

export function escalationTarget(order: WorkOrder, step: EscalationStep): EscalationDue['to'] {
  return { role: STEP_TARGET[step], departments: handlingDepartments(order) };
}

/**
 * The next ladder step (催办 → 督办 → 领导督办) whose level has been reached and which is not yet recorded
 * in this handling cycle. Steps are never skipped: an order found already overdue is urged first, and the
 * scheduler calls again after recording each step. Only dispatched or handling orders escalate.
 */
export function escalationsDue(order: WorkOrder, now: Date, policy: TicketingPolicy): EscalationDue | null {
  if (order.status !== 'dispatched' && order.status !== 'handling') return null;
  const level = warningLevel(order, now, policy);
  const cycleStart = order.deadlines.startedAt ? Date.parse(order.deadlines.startedAt) : 0;
  const recorded = new Set(order.escalations.filter((e) => Date.parse(e.at) >= cycleStart).map((e) => e.step));
  for (const step of ESCALATION_STEPS) {
    if (recorded.has(step)) continue;
    if (LEVEL_RANK[level] >= LEVEL_RANK[policy.deadlines.escalation[step]]) {
      return { step, level, to: escalationTarget(order, step) };
    }
    return null;
  }
  return null;
}

export const warningRank = (level: WarningLevel): number => LEVEL_RANK[level];
