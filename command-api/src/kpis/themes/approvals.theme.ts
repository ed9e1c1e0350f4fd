import { windowState } from '@zhongshu/stream';
import { LAST_CHANGE_TODAY, RECENT, STARTED_TODAY, detail, entityParams } from '../entity-filters';
import { FACET_FILTERS } from '../facet-filters';
import { breakdown, count, hourlySeries, itemsFor, rate, table, unavailable } from '../kpi-builders';
import { requireKey, type KpiContext, type ThemeModule } from '../kpi-context';
import type { EntityRow } from '../kpi-warehouse';
import type { Kpi } from '../kpi.contract';

const CASES = 'approval_case';
const HALL = ['hall'];
const RATINGS = ['5', '4', '3', '2', '1'];
const WINDOW_STATES = windowState.options;
const COMPLETED_TODAY = `state = 'complete' AND ${LAST_CHANGE_TODAY}`;
const IMMEDIATE_TODAY = `${STARTED_TODAY} AND ${detail('committedDays')} = '0'`;
/** The committed-time clock runs while a case is 受理; 补正 and 挂起 stop it, and 即办件 have none. */
const RUNNING = `state = 'accept' AND started_at < toDateTime64('2100-01-01 00:00:00', 3, 'UTC')
  AND ${detail('committedDays')} != '0' AND ${RECENT}`;
const SCORECARD_DAYS = 90;
const OPEN_CASE_DAYS = 120;

/** Open 受理 cases past their 承诺时限 on the working-day calendar (holidays and 调休 included). */
async function overdueCases(ctx: KpiContext): Promise<EntityRow[]> {
  const running = await ctx.warehouse.entities(CASES, {
    having: RUNNING,
    params: entityParams(ctx.window, OPEN_CASE_DAYS),
  });
  const now = ctx.window.now.getTime();
  return running.filter((row) => {
    const days = Number(row.detail.committedDays);
    if (!row.startedAt || !Number.isFinite(days) || days <= 0) return false;
    return ctx.calendar.addWorkingDays(row.startedAt, days).getTime() < now;
  });
}

async function ratings(ctx: KpiContext) {
  const rows = await ctx.warehouse.facet(ctx.window, 'rating', HALL);
  return new Map(rows.map((row) => [row.value, row.events]));
}

function satisfaction(byRating: ReadonlyMap<string, number>): Kpi {
  const all = RATINGS.reduce((sum, key) => sum + (byRating.get(key) ?? 0), 0);
  return rate('satisfaction', (byRating.get('5') ?? 0) + (byRating.get('4') ?? 0), all);
}

export async function approvalsCard(ctx: KpiContext): Promise<Kpi[]> {
  const [accepted, byRating] = await Promise.all([
    ctx.warehouse.entityTotal(CASES, { having: STARTED_TODAY, params: entityParams(ctx.window) }),
    ratings(ctx),
  ]);
  return [count('accepted', accepted, 'item'), satisfaction(byRating)];
}

/** 一网通办 / 政务大厅: 受理/办结 today, 即办件, 超期, 好差评, windows, queue, 网上可办率. */
export const approvalsTheme: ThemeModule = {
  async kpis(ctx) {
    const { warehouse, window } = ctx;
    const params = entityParams(window);
    const [accepted, completed, immediate, overdue, byRating, windows, halls, waits, hourly, scorecard] =
      await Promise.all([
        warehouse.entityTotal(CASES, { having: STARTED_TODAY, params }),
        warehouse.entityTotal(CASES, { having: COMPLETED_TODAY, params }),
        warehouse.entityTotal(CASES, { having: IMMEDIATE_TODAY, params }),
        overdueCases(ctx),
        ratings(ctx),
        warehouse.entityCounts('window', "''", { having: RECENT, params: entityParams(window, 7) }),
        warehouse.entities('hall', { having: LAST_CHANGE_TODAY, params }),
        warehouse.facet(window, 'wait', HALL),
        warehouse.facetHourly(window, 'stage', ['approval']),
        onlineScorecard(ctx),
      ]);
    const wait = waits[0];
    const byState = new Map(windows.map((row) => [row.state, row.count]));
    return [
      count('accepted', accepted, 'item'),
      count('completed', completed, 'item'),
      count('immediate', immediate, 'item'),
      count('overdue', overdue.length, 'item'),
      satisfaction(byRating),
      count('badReviews', (byRating.get('1') ?? 0) + (byRating.get('2') ?? 0), 'item'),
      breakdown('ratings', itemsFor(RATINGS, byRating)),
      breakdown('windows', itemsFor(WINDOW_STATES, byState)),
      count(
        'queue',
        halls.reduce((sum, hall) => sum + (Number(hall.detail.waitingCount) || 0), 0),
        'person',
        false,
      ),
      wait && wait.events > 0
        ? count('waitTime', Math.round(wait.measure / wait.events), 'second', false)
        : unavailable('waitTime', 'count', {
            code: 'NO_CALLS_TODAY',
            zh: '今日尚无叫号，暂无等候时长',
            en: 'No number has been called today yet',
          }),
      hourlySeries('hourly', window, hourly, ['accept', 'complete']),
      scorecard,
    ];
  },
  drills: {
    accepted: (ctx, _key, page) =>
      ctx.drills.entities(CASES, STARTED_TODAY, entityParams(ctx.window), page, ctx.townName),
    completed: (ctx, _key, page) =>
      ctx.drills.entities(CASES, COMPLETED_TODAY, entityParams(ctx.window), page, ctx.townName),
    immediate: (ctx, _key, page) =>
      ctx.drills.entities(CASES, IMMEDIATE_TODAY, entityParams(ctx.window), page, ctx.townName),
    overdue: async (ctx, _key, page) => ctx.drills.entityList(await overdueCases(ctx), page, ctx.townName),
    satisfaction: (ctx, _key, page) => ctx.drills.events(ctx.window, FACET_FILTERS.goodRating, {}, page),
    badReviews: (ctx, _key, page) => ctx.drills.events(ctx.window, FACET_FILTERS.badRating, {}, page),
    ratings: (ctx, key, page) => ctx.drills.events(ctx.window, FACET_FILTERS.rating, { key: requireKey(key) }, page),
    windows: (ctx, key, page) =>
      ctx.drills.entities(
        'window',
        `${RECENT} AND state = {key:String}`,
        entityParams(ctx.window, 7, { key: requireKey(key) }),
        page,
        ctx.townName,
      ),
  },
};

/**
 * 网上可办率 by department: of the distinct items (事项) a department handled in the last 90 days, the
 * share that can be done online.
 */
async function onlineScorecard(ctx: KpiContext): Promise<Kpi> {
  const rows = await ctx.warehouse.entityGroups<{ department: string; items: string; online: string }>(
    CASES,
    `${detail('department')} AS department, uniqExact(${detail('itemName')}) AS items,
     uniqExactIf(${detail('itemName')}, ${detail('onlineAvailable')} = 'true') AS online`,
    'department',
    { having: `${RECENT} AND ${detail('department')} != ''`, params: entityParams(ctx.window, SCORECARD_DAYS) },
  );
  return table(
    'onlineRate',
    ['items', 'onlineItems', 'onlineRate'],
    rows
      .map((row) => {
        const items = Number(row.items);
        const online = Number(row.online);
        return {
          key: row.department,
          label: row.department,
          values: [items, online, items > 0 ? Math.round((online / items) * 1000) / 10 : null],
        };
      })
      .sort((a, b) => (b.values[2] ?? 0) - (a.values[2] ?? 0) || a.key.localeCompare(b.key)),
    [],
    false,
  );
}
