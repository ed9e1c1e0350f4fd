import { z } from 'zod';
import type { Label } from './work-order.labels';
import type { WorkOrder, WorkOrderStatus } from './work-order.model';

/**
 * Who owns a matter: a routing table of category prefix + place → department, 首接负责 for matters that
 * involve several units, and the district as 兜底 when nothing matches. The dispatcher sees a suggestion,
 * never a silent decision: `dispatch` still names the units.
 */

export const routingRule = z.object({
  /** Category code prefix; '' matches every category (a place-only rule, e.g. "anything in this grid"). */
  categoryPrefix: z.string().max(32),
  /** GB/T 2260 county code; absent = any. */
  regionCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  /** Street (乡镇街道) code; absent = any. */
  townCode: z
    .string()
    .regex(/^\d{9}$/)
    .optional(),
  /** Owning department first, co-handling departments after it (a multi-unit matter). */
  departments: z.array(z.string().min(1).max(64)).min(1),
});
export type RoutingRule = z.infer<typeof routingRule>;

export const routingTable = z.object({
  rules: z.array(routingRule),
  /** 兜底: the district unit that takes what no rule claims (often the 区联动中心 or 区政府办). */
  fallbackDepartment: z.string().min(1).max(64),
});
export type RoutingTable = z.infer<typeof routingTable>;

export interface RouteQuery {
  categoryCode: string;
  regionCode?: string;
  townCode?: string;
  /** 首接: the unit that first received the matter, if it was received by a unit rather than the centre. */
  firstReceiver?: string;
}

export interface RoutingSuggestion {
  lead: string;
  co: string[];
  /** More than one unit: dispatch as a joint order (联办). */
  multiUnit: boolean;
  fallback: boolean;
  rule?: RoutingRule;
  reason: Label;
}

/** Higher is more specific: category depth first (a specific category beats a broad place rule), then place. */
function specificity(rule: RoutingRule): [number, number] {
  return [rule.categoryPrefix.length, rule.townCode ? 2 : rule.regionCode ? 1 : 0];
}

function matches(rule: RoutingRule, query: RouteQuery): boolean {
  return (
    query.categoryCode.startsWith(rule.categoryPrefix) &&
    (!rule.regionCode || rule.regionCode === query.regionCode) &&
    (!rule.townCode || rule.townCode === query.townCode)
  );
}

export function route(table: RoutingTable, query: RouteQuery): RoutingSuggestion {
  const best = table.rules
    .filter((rule) => matches(rule, query))
    .sort((a, b) => {
      const [ca, pa] = specificity(a);
      const [cb, pb] = specificity(b);
      return cb - ca || pb - pa;
    });
  if (best.length === 0) {
    return {
      lead: table.fallbackDepartment,
      co: [],
      multiUnit: false,
      fallback: true,
      reason: { zh: '无匹配的职责规则，由区级兜底', en: 'no routing rule matches; the district takes it (兜底)' },
    };
  }
  // Equally specific rules naming different owners are a multi-unit matter, not a coin toss.
  const [topCategory, topPlace] = specificity(best[0]);
  const tied = best.filter((rule) => {
    const [c, p] = specificity(rule);
    return c === topCategory && p === topPlace;
  });
  const departments = [...new Set(tied.flatMap((rule) => rule.departments))];
  if (departments.length === 1) {
    return {
      lead: departments[0],
      co: [],
      multiUnit: false,
      fallback: false,
      rule: best[0],
      reason: { zh: '按职责清单派单', en: 'routed by the duty table' },
    };
  }
  // 首接负责: the unit that first received a multi-unit matter leads it instead of passing it on.
  const first = query.firstReceiver;
  const lead = first ?? departments[0];
  return {
    lead,
    co: departments.filter((d) => d !== lead),
    multiUnit: true,
    fallback: false,
    rule: best[0],
    reason: first
      ? { zh: '多部门事项，按首接负责由首接单位主办', en: 'multi-unit matter: the first receiver leads (首接负责)' }
      : { zh: '多部门事项，按职责清单首位单位主办', en: 'multi-unit matter: the first listed department leads' },
  };
}

export interface DuplicateOptions {
  radiusMeters: number;
  withinHours: number;
}

export interface DuplicateSuggestion {
  id: string;
  status: WorkOrderStatus;
  /** Null when matched by shared grid because one side has no coordinates. */
  distanceMeters: number | null;
  hoursApart: number;
}

/** Orders that can still take part in a merge, as survivor or duplicate. */
const MERGE_CANDIDATE_STATUSES: readonly WorkOrderStatus[] = [
  'received',
  'accepted',
  'dispatched',
  'handling',
  'suspended',
];

const EARTH_RADIUS_M = 6_371_008.8;

export function haversineMeters(a: { lng: number; lat: number }, b: { lng: number; lat: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** When the matter was first reported: the earliest caller, else the order's creation. */
function reportedAt(order: WorkOrder): number {
  const times = order.callers.map((c) => Date.parse(c.receivedAt));
  return Math.min(Date.parse(order.createdAt), ...times);
}

/**
 * 一事多诉 candidates: same category code, within `radiusMeters` (WGS-84 great-circle distance; or the
 * same grid when coordinates are missing) and `withinHours` of each other, still mergeable. Closest first.
 */
export function suggestDuplicates(
  order: WorkOrder,
  candidates: readonly WorkOrder[],
  options: DuplicateOptions,
): DuplicateSuggestion[] {
  const out: DuplicateSuggestion[] = [];
  const t = reportedAt(order);
  for (const other of candidates) {
    if (other.id === order.id || other.categoryCode !== order.categoryCode) continue;
    if (!MERGE_CANDIDATE_STATUSES.includes(other.status)) continue;
    const hoursApart = Math.abs(reportedAt(other) - t) / 3_600_000;
    if (hoursApart > options.withinHours) continue;
    let distanceMeters: number | null;
    if (order.location && other.location) {
      distanceMeters = haversineMeters(order.location, other.location);
      if (distanceMeters > options.radiusMeters) continue;
    } else if (order.gridCode && order.gridCode === other.gridCode) {
      distanceMeters = null;
    } else {
      continue;
    }
    out.push({ id: other.id, status: other.status, distanceMeters, hoursApart });
  }
  return out.sort(
    (a, b) => (a.distanceMeters ?? Infinity) - (b.distanceMeters ?? Infinity) || a.hoursApart - b.hoursApart,
  );
}
