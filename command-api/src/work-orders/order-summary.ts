import type { LiveOrder, SourceKind } from '@zhongshu/stream';
import { activeChildren, type WorkOrder, type WorkOrderStatus } from '@zhongshu/ticketing';

/**
 * What lists, the wall and the scheduler need of an order without opening the whole record: kept in
 * hot state beside each open order (versioned like the order) and derived the same way everywhere.
 */
export interface OrderSummary {
  id: string;
  version: number;
  kind: WorkOrder['kind'];
  status: WorkOrderStatus;
  warning: WorkOrder['warning'];
  title: string;
  categoryCode: string;
  urgency: WorkOrder['urgency'];
  source?: SourceKind;
  ownerDepartment?: string;
  /** Every unit the order is with: the single order's handler, the joint order's active units. */
  departments: string[];
  regionCode: string;
  townCode?: string;
  gridCode?: string;
  lng?: number;
  lat?: number;
  dueBy?: string;
  createdAt: string;
  updatedAt: string;
}

/** Orders no action moves on except a reopen: they leave the open set (and, later, hot state). */
export const FINISHED_STATUSES: readonly WorkOrderStatus[] = ['evaluated', 'invalid', 'merged'];

/** Statuses whose handling clock runs or is paused: the scheduler looks at these. */
export const CLOCKED_STATUSES: readonly WorkOrderStatus[] = ['accepted', 'dispatched', 'handling', 'suspended'];

/** Category codes are namespaced by source family (from-city-event.ts); 12345 codes are plain digits. */
export function sourceOf(categoryCode: string): SourceKind | undefined {
  if (/^\d{6}$/.test(categoryCode)) return 'hotline';
  const family = categoryCode.split('.')[0];
  return family === 'urban' || family === 'safety' || family === 'device' ? family : undefined;
}

export function departmentsOf(order: WorkOrder): string[] {
  const units = new Set<string>();
  if (order.handler) units.add(order.handler.department);
  for (const child of activeChildren(order)) units.add(child.unit);
  if (order.ownerDepartment) units.add(order.ownerDepartment);
  return [...units];
}

export function summarize(order: WorkOrder): OrderSummary {
  return {
    id: order.id,
    version: order.version,
    kind: order.kind,
    status: order.status,
    warning: order.warning,
    title: order.title,
    categoryCode: order.categoryCode,
    urgency: order.urgency,
    source: sourceOf(order.categoryCode),
    ownerDepartment: order.ownerDepartment,
    departments: departmentsOf(order),
    regionCode: order.regionCode,
    townCode: order.townCode,
    gridCode: order.gridCode,
    lng: order.location?.lng,
    lat: order.location?.lat,
    dueBy: order.deadlines.dueBy,
    createdAt: order.createdAt,
    updatedAt: order.timeline.at(-1)?.at ?? order.createdAt,
  };
}

export function toLiveOrder(summary: OrderSummary, townName?: string): LiveOrder {
  return {
    id: summary.id,
    version: summary.version,
    kind: summary.kind,
    status: summary.status,
    warning: summary.warning,
    title: summary.title,
    category: summary.categoryCode,
    ...(summary.source ? { source: summary.source } : {}),
    urgency: summary.urgency,
    ...(summary.ownerDepartment ? { leadDepartment: summary.ownerDepartment } : {}),
    ...(summary.townCode ? { townCode: summary.townCode } : {}),
    ...(townName ? { townName } : {}),
    ...(summary.lng !== undefined && summary.lat !== undefined ? { lng: summary.lng, lat: summary.lat } : {}),
    ...(summary.dueBy ? { deadline: summary.dueBy } : {}),
    updatedAt: summary.updatedAt,
  };
}
