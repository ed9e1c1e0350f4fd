import { capacitiesOf, type Actor } from '@zhongshu/ticketing';

/**
 * Who sees an order at all (lists, look-ups, live rooms). It mirrors the data scope the domain applies
 * to actions (ticketing/src/work-order.scope.ts): unit-bound people (liaisons, engineers, unit leaders)
 * see their unit's orders wherever they are; district-level people (the centre, district leaders) see
 * the district, or their street when bound to one. Administrators see no casework (三员分立).
 */
export type OrderScope = { kind: 'all' } | { kind: 'town'; townCode: string } | { kind: 'unit'; department: string };

export function scopeOf(actor: Actor): OrderScope | undefined {
  const capacities = capacitiesOf(actor);
  if (capacities.includes('system')) return { kind: 'all' };
  if (capacities.includes('unit') || capacities.includes('unitLeader')) {
    return actor.department ? { kind: 'unit', department: actor.department } : undefined;
  }
  if (capacities.includes('centre') || capacities.includes('districtLeader')) {
    return actor.townCode ? { kind: 'town', townCode: actor.townCode } : { kind: 'all' };
  }
  return undefined;
}

export function inScope(scope: OrderScope, order: { townCode?: string; departments: readonly string[] }): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'town':
      return order.townCode === scope.townCode;
    case 'unit':
      return order.departments.includes(scope.department);
  }
}
