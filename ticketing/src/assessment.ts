import { orderFacts } from './assessment.facts';
import type { WorkOrder } from './work-order.model';

/**
 * 考核: the six rates per department and per street for any period, with rankings. Formulas are in the
 * README ("Assessment"); the records counted come from `assessment.facts.ts`.
 */

export interface AssessmentPeriod {
  /** Inclusive. */
  from: Date;
  /** Exclusive; also the instant "open and overdue" is judged at. */
  to: Date;
}

export const RATE_NAMES = [
  'responseRate', // 响应率
  'resolutionRate', // 解决率
  'satisfactionRate', // 满意率
  'onTimeRate', // 按时办结率
  'overdueRate', // 超期率
  'returnRate', // 退回率
] as const;
export type RateName = (typeof RATE_NAMES)[number];

/** Rates where less is better. */
const LOWER_IS_BETTER: readonly RateName[] = ['overdueRate', 'returnRate'];

export interface AssessmentCounts {
  dispatched: number;
  respondedInTime: number;
  returned: number;
  closed: number;
  resolved: number;
  rated: number;
  satisfied: number;
  onTime: number;
  overdueClosed: number;
  overdueOpen: number;
  reworked: number;
}

export interface AssessmentRow {
  /** Department code, street (town) code, or `*` for the total. */
  key: string;
  counts: AssessmentCounts;
  /** `null` when the denominator is zero: "no data" must not read as 0 % or 100 %. */
  rates: Record<RateName, number | null> & { reworkRate: number | null };
  /** Weighted composite of the six rates (0–100), `null` without data. */
  score: number | null;
  rank: number | null;
  ranks: Record<RateName, number | null>;
}

export interface Assessment {
  period: { from: string; to: string };
  departments: AssessmentRow[];
  streets: AssessmentRow[];
  total: AssessmentRow;
}

export interface AssessmentOptions {
  /** Composite weights; defaults sum to 100. Less-is-better rates enter as (1 − rate). */
  weights?: Partial<Record<RateName, number>>;
  /** A row needs at least this many in a rate's denominator to be ranked on it (no 1-of-1 champions). */
  minSample?: number;
}

export const DEFAULT_WEIGHTS: Record<RateName, number> = {
  responseRate: 15,
  resolutionRate: 25,
  satisfactionRate: 30,
  onTimeRate: 15,
  overdueRate: 10,
  returnRate: 5,
};

/** Key for orders without a street (town) code. */
export const NO_STREET = '(none)';

const emptyCounts = (): AssessmentCounts => ({
  dispatched: 0,
  respondedInTime: 0,
  returned: 0,
  closed: 0,
  resolved: 0,
  rated: 0,
  satisfied: 0,
  onTime: 0,
  overdueClosed: 0,
  overdueOpen: 0,
  reworked: 0,
});

const ratio = (n: number, d: number): number | null => (d === 0 ? null : n / d);

function denominators(c: AssessmentCounts): Record<RateName, number> {
  return {
    responseRate: c.dispatched,
    resolutionRate: c.closed,
    satisfactionRate: c.rated,
    onTimeRate: c.closed,
    overdueRate: c.closed + c.overdueOpen,
    returnRate: c.dispatched,
  };
}

function ratesOf(c: AssessmentCounts): AssessmentRow['rates'] {
  return {
    responseRate: ratio(c.respondedInTime, c.dispatched),
    resolutionRate: ratio(c.resolved, c.closed),
    satisfactionRate: ratio(c.satisfied, c.rated),
    onTimeRate: ratio(c.onTime, c.closed),
    overdueRate: ratio(c.overdueClosed + c.overdueOpen, c.closed + c.overdueOpen),
    returnRate: ratio(c.returned, c.dispatched),
    reworkRate: ratio(c.reworked, c.closed),
  };
}

function scoreOf(rates: AssessmentRow['rates'], weights: Record<RateName, number>): number | null {
  let sum = 0;
  let weight = 0;
  for (const name of RATE_NAMES) {
    const rate = rates[name];
    if (rate === null || weights[name] <= 0) continue;
    sum += weights[name] * (LOWER_IS_BETTER.includes(name) ? 1 - rate : rate);
    weight += weights[name];
  }
  return weight === 0 ? null : (100 * sum) / weight;
}

/** Competition ranking (1, 2, 2, 4): equal values share a rank. */
function rankBy(
  rows: AssessmentRow[],
  value: (row: AssessmentRow) => number | null,
  lowerIsBetter: boolean,
): Map<AssessmentRow, number> {
  const ranked = rows.filter((row) => value(row) !== null);
  const sorted = [...ranked].sort((a, b) => (lowerIsBetter ? value(a)! - value(b)! : value(b)! - value(a)!));
  const ranks = new Map<AssessmentRow, number>();
  sorted.forEach((row, i) => {
    const prev = sorted[i - 1];
    ranks.set(row, prev && value(prev) === value(row) ? ranks.get(prev)! : i + 1);
  });
  return ranks;
}

function finish(groups: Map<string, AssessmentCounts>, options: Required<AssessmentOptions>): AssessmentRow[] {
  const weights = { ...DEFAULT_WEIGHTS, ...options.weights };
  const rows: AssessmentRow[] = [...groups.entries()].map(([key, counts]) => {
    const rates = ratesOf(counts);
    const nulls = Object.fromEntries(RATE_NAMES.map((n) => [n, null])) as Record<RateName, number | null>;
    return { key, counts, rates, score: scoreOf(rates, weights), rank: null, ranks: nulls };
  });
  for (const name of RATE_NAMES) {
    const eligible = rows.filter((row) => denominators(row.counts)[name] >= options.minSample);
    const ranks = rankBy(eligible, (row) => row.rates[name], LOWER_IS_BETTER.includes(name));
    for (const row of rows) row.ranks[name] = ranks.get(row) ?? null;
  }
  const overall = rankBy(rows, (row) => row.score, false);
  for (const row of rows) row.rank = overall.get(row) ?? null;
  return rows.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.key.localeCompare(b.key));
}

/**
 * Per department and per street for [from, to). A joint order counts once per unit task in both views
 * (each unit's handling is judged); the total counts the same records once.
 */
export function assess(
  orders: readonly WorkOrder[],
  period: AssessmentPeriod,
  options: AssessmentOptions = {},
): Assessment {
  const from = period.from.getTime();
  const to = period.to.getTime();
  const opts: Required<AssessmentOptions> = { weights: options.weights ?? {}, minSample: options.minSample ?? 1 };
  const departments = new Map<string, AssessmentCounts>();
  const streets = new Map<string, AssessmentCounts>();
  const total = emptyCounts();
  const bump = (department: string | undefined, townCode: string | undefined, apply: (c: AssessmentCounts) => void) => {
    if (department) {
      if (!departments.has(department)) departments.set(department, emptyCounts());
      apply(departments.get(department)!);
    }
    const street = townCode ?? NO_STREET;
    if (!streets.has(street)) streets.set(street, emptyCounts());
    apply(streets.get(street)!);
    apply(total);
  };

  for (const order of orders) {
    const facts = orderFacts(order, to);
    for (const ep of facts.episodes) {
      if (ep.at < from || ep.at >= to) continue;
      bump(ep.department, ep.townCode, (c) => {
        c.dispatched += 1;
        if (ep.signedAt !== undefined && ep.signedAt <= ep.signBy) c.respondedInTime += 1;
        if (ep.returned) c.returned += 1;
      });
    }
    for (const rec of facts.closures) {
      if (rec.closedAt < from || rec.closedAt >= to) continue;
      const delivered = rec.completedAt ?? rec.closedAt;
      const late = rec.dueBy !== undefined && delivered > rec.dueBy;
      bump(rec.department, rec.townCode, (c) => {
        c.closed += 1;
        if (rec.resolved) c.resolved += 1;
        if (rec.satisfaction) c.rated += 1;
        if (rec.satisfaction === 'satisfied' || rec.satisfaction === 'basically_satisfied') c.satisfied += 1;
        if (late) c.overdueClosed += 1;
        else c.onTime += 1;
        if (rec.reworked) c.reworked += 1;
      });
    }
    for (const rec of facts.openOverdue) bump(rec.department, rec.townCode, (c) => (c.overdueOpen += 1));
  }

  const [totalRow] = finish(new Map([['*', total]]), opts);
  return {
    period: { from: period.from.toISOString(), to: period.to.toISOString() },
    departments: finish(departments, opts),
    streets: finish(streets, opts),
    total: {
      ...totalRow,
      rank: null,
      ranks: Object.fromEntries(RATE_NAMES.map((n) => [n, null])) as Record<RateName, number | null>,
    },
  };
}
