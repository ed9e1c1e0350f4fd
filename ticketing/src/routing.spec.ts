import { describe, expect, it } from 'vitest';
import { haversineMeters, route, routingTable, suggestDuplicates, type RoutingTable } from './routing';
import { at, dispatcher, newOrder, run, T0, TOWN_A, TOWN_B } from './work-order.fixture';

const table: RoutingTable = routingTable.parse({
  fallbackDepartment: 'QLDZX', // 区联动中心
  rules: [
    { categoryPrefix: '01', departments: ['ZFJ'] }, // 市容 → 综合执法局
    { categoryPrefix: '0101', departments: ['SZJ'] }, // 路灯 → 市政
    { categoryPrefix: '0101', townCode: TOWN_B, departments: ['CLZ'] }, // 路灯 in 长流镇 → the town
    { categoryPrefix: '0203', departments: ['ZFJ', 'SCJ'] }, // 夜市油烟: 执法 + 市场监管
    { categoryPrefix: '0301', departments: ['SWJ'] },
    { categoryPrefix: '0301', departments: ['GDJ'] }, // an equally specific second owner: a multi-unit matter
    { categoryPrefix: '', townCode: TOWN_A, departments: ['XYJD'] }, // anything else in 秀英街道 → the street
  ],
});

describe('routing', () => {
  it('picks the most specific category first, then the most specific place', () => {
    expect(route(table, { categoryCode: '010101', townCode: TOWN_A })).toMatchObject({
      lead: 'SZJ',
      co: [],
      fallback: false,
      multiUnit: false,
    });
    expect(route(table, { categoryCode: '010101', townCode: TOWN_B })).toMatchObject({ lead: 'CLZ' });
    expect(route(table, { categoryCode: '010201' })).toMatchObject({ lead: 'ZFJ' });
    expect(route(table, { categoryCode: '990101', townCode: TOWN_A })).toMatchObject({ lead: 'XYJD' });
  });

  it('falls back to the district (兜底) when no rule matches', () => {
    expect(route(table, { categoryCode: '990101', townCode: TOWN_B })).toMatchObject({
      lead: 'QLDZX',
      fallback: true,
      co: [],
    });
  });

  it('multi-unit matters: the first listed leads, or the first receiver under 首接负责', () => {
    expect(route(table, { categoryCode: '020301' })).toMatchObject({ lead: 'ZFJ', co: ['SCJ'], multiUnit: true });
    expect(route(table, { categoryCode: '020301', firstReceiver: 'SCJ' })).toMatchObject({
      lead: 'SCJ',
      co: ['ZFJ'],
      multiUnit: true,
    });
    expect(route(table, { categoryCode: '030101' })).toMatchObject({ lead: 'SWJ', co: ['GDJ'], multiUnit: true });
    // The first receiver leads even when it is not on the duty list: it may not pass the matter on.
    expect(route(table, { categoryCode: '030101', firstReceiver: 'XYJD' })).toMatchObject({
      lead: 'XYJD',
      co: ['SWJ', 'GDJ'],
    });
    // A single-owner matter ignores the first receiver.
    expect(route(table, { categoryCode: '010101', firstReceiver: 'SCJ' })).toMatchObject({ lead: 'SZJ', co: [] });
  });
});

describe('duplicate suggestions (一事多诉)', () => {
  const base = { lng: 110.2851, lat: 20.0247 };
  const nearby = { lng: 110.2861, lat: 20.0247 }; // about 104 m east
  const far = { lng: 110.2951, lat: 20.0247 }; // about 1 km east

  it('measures WGS-84 great-circle distance', () => {
    expect(haversineMeters(base, nearby)).toBeGreaterThan(100);
    expect(haversineMeters(base, nearby)).toBeLessThan(110);
  });

  it('suggests same-category orders near in space and time, still mergeable, closest first', () => {
    const order = newOrder({ location: { ...base, crs: 'WGS84' } });
    const near = newOrder({ location: { ...nearby, crs: 'WGS84' } }, at(T0, 3_600_000));
    const nearer = newOrder({ location: { lng: 110.2852, lat: 20.0247, crs: 'WGS84' } }, at(T0, 7_200_000));
    const tooFar = newOrder({ location: { ...far, crs: 'WGS84' } });
    const tooLate = newOrder({ location: { ...nearby, crs: 'WGS84' } }, at(T0, 30 * 3_600_000));
    const otherCategory = newOrder({ categoryCode: '020301', location: { ...nearby, crs: 'WGS84' } });
    const invalid = run(
      newOrder({ location: { ...nearby, crs: 'WGS84' } }),
      { action: 'invalidate', reason: '骚扰电话' },
      dispatcher,
      T0,
    );
    const sameGridNoCoordinates = newOrder({ gridCode: 'G1' });
    const suggestions = suggestDuplicates(
      order,
      [order, near, nearer, tooFar, tooLate, otherCategory, invalid, sameGridNoCoordinates],
      {
        radiusMeters: 200,
        withinHours: 24,
      },
    );
    expect(suggestions.map((s) => s.id)).toEqual([nearer.id, near.id]);
    expect(suggestions[1].hoursApart).toBeCloseTo(1, 5);
  });

  it('falls back to the same grid when coordinates are missing', () => {
    const order = newOrder({ gridCode: 'G1' });
    const same = newOrder({ gridCode: 'G1' });
    const other = newOrder({ gridCode: 'G2' });
    expect(suggestDuplicates(order, [same, other], { radiusMeters: 200, withinHours: 24 })).toEqual([
      { id: same.id, status: 'received', distanceMeters: null, hoursApart: 0 },
    ]);
  });
});
