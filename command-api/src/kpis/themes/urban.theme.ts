import { urbanCasePayload } from '@zhongshu/stream';
import {
  FIRST_SEEN_TODAY,
  LAST_CHANGE_TODAY,
  RECENT,
  TOUCHED_TODAY,
  detail,
  entityParams,
  totalsByValue,
} from '../entity-filters';
import { breakdown, count, hourlySeries, itemsFor, table } from '../kpi-builders';
import { requireKey, type KpiContext, type ThemeModule } from '../kpi-context';
import type { Kpi } from '../kpi.contract';
import { orderDepartments } from '../order-kpis';

const DOMAIN = 'urban_case';
const CLASS_TYPES = urbanCasePayload.shape.classType.options;
const REPORTERS = urbanCasePayload.shape.reporterType.options;
const CLASS_KEY = `concat(${detail('classType')}, '.', ${detail('classCode')})`;
const OPEN = `state != 'close' AND ${RECENT}`;
const CLOSED_TODAY = `state = 'close' AND ${LAST_CHANGE_TODAY}`;
const DEPARTMENT_TODAY = `${detail('department')} != '' AND ${TOUCHED_TODAY}`;
const TOP = 10;
const ORDERS = { kinds: ['urban'] };

/** Trend lines: 上报立案 (collect, register), 处置 (dispatch → feedback), 结案 (verify, close). */
const STAGE_LINE: Record<string, string> = {
  collect: 'reported',
  register: 'reported',
  dispatch: 'disposed',
  dispose: 'disposed',
  feedback: 'disposed',
  verify: 'closed',
  close: 'closed',
};

export async function urbanCard(ctx: KpiContext): Promise<Kpi[]> {
  const params = entityParams(ctx.window);
  const [total, open] = await Promise.all([
    ctx.warehouse.entityTotal(DOMAIN, { having: FIRST_SEEN_TODAY, params }),
    ctx.warehouse.entityTotal(DOMAIN, { having: OPEN, params }),
  ]);
  return [count('total', total, 'item'), count('open', open, 'item')];
}

/** 城市管理: cases reported today, 上报/处置 trend, 热点 classes and places, departments, type, source. */
export const urbanTheme: ThemeModule = {
  async kpis(ctx) {
    const { warehouse, window } = ctx;
    const params = entityParams(window);
    const today = { having: FIRST_SEEN_TODAY, params };
    const [total, closed, open, hourly, classes, classTypes, reporters, towns, departments, orders] = await Promise.all(
      [
        warehouse.entityTotal(DOMAIN, today),
        warehouse.entityTotal(DOMAIN, { having: CLOSED_TODAY, params }),
        warehouse.entityTotal(DOMAIN, { having: OPEN, params }),
        warehouse.facetHourly(window, 'stage', ['urban']),
        warehouse.entityCounts(DOMAIN, CLASS_KEY, { ...today, label: detail('className') }),
        warehouse.entityCounts(DOMAIN, detail('classType'), today),
        warehouse.entityCounts(DOMAIN, detail('reporterType'), today),
        warehouse.entityCounts(DOMAIN, 'town_code', today),
        warehouse.entityCounts(DOMAIN, detail('department'), { having: DEPARTMENT_TODAY, params }),
        orderDepartments(ctx, 'orderDepartments', ORDERS),
      ],
    );
    const classTotals = totalsByValue(classes);
    const labels = new Map(classes.map((row) => [row.value, row.label]));
    return [
      count('total', total, 'item'),
      count('closed', closed, 'item'),
      count('open', open, 'item'),
      hourlySeries('hourly', window, hourly, ['reported', 'disposed', 'closed'], (stage) => STAGE_LINE[stage]),
      breakdown(
        'classes',
        [...classTotals]
          .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
          .slice(0, TOP)
          .map(([key, value]) => ({ key, label: labels.get(key) || key, value })),
        true,
        total,
      ),
      breakdown('classTypes', itemsFor(CLASS_TYPES, totalsByValue(classTypes))),
      breakdown('reporters', itemsFor(REPORTERS, totalsByValue(reporters))),
      breakdown(
        'places',
        [...totalsByValue(towns)]
          .filter(([code]) => code !== '')
          .sort((a, b) => b[1] - a[1])
          .map(([key, value]) => ({ key, label: ctx.townName(key) ?? key, value })),
      ),
      departmentTable(departments),
      orders,
    ];
  },
  drills: {
    total: (ctx, _key, page) =>
      ctx.drills.entities(DOMAIN, FIRST_SEEN_TODAY, entityParams(ctx.window), page, ctx.townName),
    closed: (ctx, _key, page) =>
      ctx.drills.entities(DOMAIN, CLOSED_TODAY, entityParams(ctx.window), page, ctx.townName),
    open: (ctx, _key, page) => ctx.drills.entities(DOMAIN, OPEN, entityParams(ctx.window), page, ctx.townName),
    classes: (ctx, key, page) =>
      ctx.drills.entities(
        DOMAIN,
        `${FIRST_SEEN_TODAY} AND ${CLASS_KEY} = {key:String}`,
        entityParams(ctx.window, 30, { key: requireKey(key) }),
        page,
        ctx.townName,
      ),
    classTypes: (ctx, key, page) =>
      ctx.drills.entities(
        DOMAIN,
        `${FIRST_SEEN_TODAY} AND ${detail('classType')} = {key:String}`,
        entityParams(ctx.window, 30, { key: requireKey(key) }),
        page,
        ctx.townName,
      ),
    reporters: (ctx, key, page) =>
      ctx.drills.entities(
        DOMAIN,
        `${FIRST_SEEN_TODAY} AND ${detail('reporterType')} = {key:String}`,
        entityParams(ctx.window, 30, { key: requireKey(key) }),
        page,
        ctx.townName,
      ),
    places: (ctx, key, page) =>
      ctx.drills.entities(
        DOMAIN,
        `${FIRST_SEEN_TODAY} AND town_code = {key:String}`,
        entityParams(ctx.window, 30, { key: requireKey(key) }),
        page,
        ctx.townName,
      ),
    orderDepartments: (ctx, key, page) => ctx.orders.departmentOrders(ctx.window, ORDERS, requireKey(key), page),
    departments: (ctx, key, page) =>
      ctx.drills.entities(
        DOMAIN,
        `${DEPARTMENT_TODAY} AND ${detail('department')} = {key:String}`,
        entityParams(ctx.window, 30, { key: requireKey(key) }),
        page,
        ctx.townName,
      ),
  },
};

/**
 * Handling by department from the cases' own stages (the 数字城管 platform's view). The case feed carries
 * no deadlines: 超期 is judged on work orders (`orderDepartments`).
 */
function departmentTable(rows: ReadonlyArray<{ value: string; state: string; count: number }>) {
  const byDepartment = new Map<string, { received: number; closed: number }>();
  for (const row of rows) {
    const entry = byDepartment.get(row.value) ?? { received: 0, closed: 0 };
    entry.received += row.count;
    if (row.state === 'close') entry.closed += row.count;
    byDepartment.set(row.value, entry);
  }
  return table(
    'departments',
    ['received', 'inProgress', 'closed'],
    [...byDepartment]
      .sort((a, b) => b[1].received - a[1].received || a[0].localeCompare(b[0]))
      .map(([department, { received, closed }]) => ({
        key: department,
        label: department,
        values: [received, received - closed, closed],
      })),
  );
}
