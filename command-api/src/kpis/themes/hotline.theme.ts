import { EVENT_TYPES, hotlineTicketPayload } from '@zhongshu/stream';
import { FACET_FILTERS } from '../facet-filters';
import { breakdown, count, hourlySeries, itemsFor, rate } from '../kpi-builders';
import { requireKey, type KpiContext, type ThemeModule } from '../kpi-context';
import type { Kpi } from '../kpi.contract';
import { orderDepartments, orderRates } from '../order-kpis';

const CHANNELS = hotlineTicketPayload.shape.channel.options;
const TICKET_KINDS = hotlineTicketPayload.shape.kind.options;
const KIND = ['hotline'];
const TOP = 10;
const ORDERS = { kinds: KIND };

const ticketsWhere = `type = '${EVENT_TYPES.hotlineTicket}'`;

/** 今日总量 and 转办 for the home wall's 12345 card. */
export async function hotlineCard(ctx: KpiContext): Promise<Kpi[]> {
  const counts = new Map((await ctx.warehouse.facet(ctx.window, 'handling', KIND)).map((r) => [r.value, r.events]));
  const dispatched = counts.get('dispatched') ?? 0;
  return [count('total', dispatched + (counts.get('answered') ?? 0), 'item'), count('dispatched', dispatched, 'item')];
}

/** 12345 centre: 今日总量, 受理/转办 trend, 受理方式, 办件类型, 来源, 热点, and what needs work orders. */
export const hotlineTheme: ThemeModule = {
  async kpis(ctx) {
    const { warehouse, window } = ctx;
    const [handling, hourly, channels, kinds, sources, categories, towns, departments, rates] = await Promise.all([
      warehouse.facet(window, 'handling', KIND),
      warehouse.facetHourly(window, 'handling', KIND),
      warehouse.facet(window, 'channel', KIND),
      warehouse.facet(window, 'ticketKind', KIND),
      warehouse.facet(window, 'source', KIND),
      warehouse.facet(window, 'category', KIND),
      warehouse.townCounts(window, KIND),
      orderDepartments(ctx, 'departments', ORDERS),
      orderRates(ctx, ORDERS, ['responseRate', 'resolutionRate', 'satisfactionRate', 'onTimeRate']),
    ]);
    const byHandling = new Map(handling.map((row) => [row.value, row.events]));
    const total = (byHandling.get('dispatched') ?? 0) + (byHandling.get('answered') ?? 0);
    return [
      count('total', total, 'item'),
      count('dispatched', byHandling.get('dispatched') ?? 0, 'item'),
      count('answered', byHandling.get('answered') ?? 0, 'item'),
      rate('answeredRate', byHandling.get('answered') ?? 0, total),
      // 受理 counts every ticket; 转办 the ones that became work for a department.
      hourlySeries('hourly', window, hourly, ['accepted', 'dispatched'], (value) =>
        value === 'dispatched' ? ['accepted', 'dispatched'] : 'accepted',
      ),
      breakdown('channels', itemsFor(CHANNELS, new Map(channels.map((row) => [row.value, row.events])))),
      breakdown('ticketKinds', itemsFor(TICKET_KINDS, new Map(kinds.map((row) => [row.value, row.events])))),
      breakdown(
        'sources',
        sources.map((row) => ({ key: row.value, value: row.events })),
      ),
      breakdown(
        'categories',
        categories.slice(0, TOP).map((row) => ({
          key: row.value,
          // Category names come as paths (城乡建设/市政设施/路灯不亮): the leaf says what it is.
          label: (row.label || row.value).split('/').pop() ?? row.value,
          value: row.events,
        })),
        true,
        total,
      ),
      breakdown(
        'places',
        towns.map((row) => ({ key: row.value, label: ctx.townName(row.value) ?? row.value, value: row.events })),
      ),
      departments,
      ...rates,
    ];
  },
  drills: {
    total: (ctx, _key, page) => ctx.drills.events(ctx.window, ticketsWhere, {}, page),
    dispatched: (ctx, _key, page) => ctx.drills.events(ctx.window, FACET_FILTERS.handling, { key: 'dispatched' }, page),
    answered: (ctx, _key, page) => ctx.drills.events(ctx.window, FACET_FILTERS.handling, { key: 'answered' }, page),
    answeredRate: (ctx, _key, page) => ctx.drills.events(ctx.window, FACET_FILTERS.handling, { key: 'answered' }, page),
    channels: (ctx, key, page) => ctx.drills.events(ctx.window, FACET_FILTERS.channel, { key: requireKey(key) }, page),
    ticketKinds: (ctx, key, page) =>
      ctx.drills.events(ctx.window, FACET_FILTERS.ticketKind, { key: requireKey(key) }, page),
    sources: (ctx, key, page) =>
      ctx.drills.events(ctx.window, `${ticketsWhere} AND ${FACET_FILTERS.source}`, { key: requireKey(key) }, page),
    categories: (ctx, key, page) =>
      ctx.drills.events(ctx.window, FACET_FILTERS.category, { key: requireKey(key) }, page),
    departments: (ctx, key, page) => ctx.orders.departmentOrders(ctx.window, ORDERS, requireKey(key), page),
    places: (ctx, key, page) =>
      ctx.drills.events(ctx.window, `kind = 'hotline' AND town_code = {key:String}`, { key: requireKey(key) }, page),
  },
};
