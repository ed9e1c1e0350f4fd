import type { AssessmentCounts, AssessmentRow } from '@zhongshu/ticketing';
import { REASONS, rate, table, unavailable } from './kpi-builders';
import type { KpiContext } from './kpi-context';
import type { Kpi } from './kpi.contract';
import type { OrderScope } from './work-order-facts';

export const ORDER_COLUMNS = ['received', 'inProgress', 'closed', 'overdue'];

/** Handling and overdue by department, from the order log; "—" with the reason where it does not exist. */
export async function orderDepartments(ctx: KpiContext, id: string, scope: OrderScope): Promise<Kpi> {
  if (!(await ctx.orders.available())) return unavailable(id, 'table', REASONS.workOrders);
  return table(id, ORDER_COLUMNS, await ctx.orders.departments(ctx.window, scope, ctx.unitName));
}

/** Each rate as the assessment counts it: numerator over denominator, the same as the 考核 report. */
const FRACTIONS = {
  responseRate: (c: AssessmentCounts) => [c.respondedInTime, c.dispatched],
  resolutionRate: (c: AssessmentCounts) => [c.resolved, c.closed],
  satisfactionRate: (c: AssessmentCounts) => [c.satisfied, c.rated],
  onTimeRate: (c: AssessmentCounts) => [c.onTime, c.closed],
} as const satisfies Record<string, (c: AssessmentCounts) => [number, number]>;

export type OrderRate = keyof typeof FRACTIONS;

/**
 * 三率 and 按时办结率 for this month so far (a day is too short: ratings come days after closing), read from
 * the order log through ticketing's assessment.
 */
export async function orderRates(ctx: KpiContext, scope: OrderScope, ids: readonly OrderRate[]): Promise<Kpi[]> {
  if (!(await ctx.orders.available())) return ids.map((id) => unavailable(id, 'rate', REASONS.workOrders));
  const row: AssessmentRow = await ctx.orders.assessment(ctx.window, scope, ctx.window.monthStart);
  return ids.map((id) => {
    const [numerator, denominator] = FRACTIONS[id](row.counts);
    return rate(id, numerator, denominator, false);
  });
}
