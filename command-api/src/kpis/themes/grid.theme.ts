import { FACET_FILTERS } from '../facet-filters';
import { REASONS, breakdown, count, hourlySeries, itemsFor, rate, table } from '../kpi-builders';
import { requireKey, type KpiContext, type ThemeModule } from '../kpi-context';
import type { Kpi } from '../kpi.contract';
import { orderDepartments } from '../order-kpis';

/** Citizen-facing sources a grid worker handles; device telemetry is not a grid matter. */
const GRID_KINDS = ['hotline', 'urban', 'safety'] as const;
const TOP = 10;
const IN_GRID = { grid: true } as const;

function gridNames(ctx: KpiContext): Map<string, { name: string; townCode: string }> {
  return new Map(
    ctx.gis.layers.grids.features.map((feature) => [
      feature.properties.code,
      { name: feature.properties.name, townCode: feature.properties.townCode },
    ]),
  );
}

export async function gridCard(ctx: KpiContext): Promise<Kpi[]> {
  const grids = await ctx.warehouse.facet(ctx.window, 'grid');
  return [
    count(
      'total',
      grids.reduce((sum, row) => sum + row.events, 0),
      'item',
    ),
    rate('coverage', grids.length, ctx.gis.layers.grids.features.length, false),
  ];
}

/** 社区网格: events in grids today, the busiest grids, coverage, 网格底数 and handling. */
export const gridTheme: ThemeModule = {
  async kpis(ctx) {
    const { warehouse, window } = ctx;
    const [grids, byKind, hourly, departments] = await Promise.all([
      warehouse.facet(window, 'grid'),
      warehouse.facetByKind(window, 'grid'),
      warehouse.facetHourly(window, 'grid'),
      orderDepartments(ctx, 'departments', IN_GRID),
    ]);
    const names = gridNames(ctx);
    const total = grids.reduce((sum, row) => sum + row.events, 0);
    const gridsPerTown = new Map<string, number>();
    for (const { townCode } of names.values()) gridsPerTown.set(townCode, (gridsPerTown.get(townCode) ?? 0) + 1);
    return [
      count('total', total, 'item'),
      count('activeGrids', grids.length, 'grid', false),
      rate('coverage', grids.length, names.size, false),
      breakdown(
        'grids',
        grids.slice(0, TOP).map((row) => {
          const grid = names.get(row.value);
          const town = grid ? ctx.townName(grid.townCode) : undefined;
          return { key: row.value, label: grid ? `${town ?? ''} ${grid.name}`.trim() : row.value, value: row.events };
        }),
        true,
        total,
      ),
      breakdown('byKind', itemsFor(GRID_KINDS, byKind)),
      // The facet row's value is the grid code; the kind split of the trend comes from the by-kind facet,
      // so the trend is one line: events in grids per hour.
      hourlySeries('hourly', window, hourly, ['events'], () => 'events'),
      table(
        'baseCounts',
        ['grids', 'population', 'households', 'buildings', 'businesses'],
        ctx.gis.towns.map((town) => ({
          key: town.code,
          label: town.name,
          values: [gridsPerTown.get(town.code) ?? 0, null, null, null, null],
        })),
        ['population', 'households', 'buildings', 'businesses'].map((column) => ({
          column,
          reason: REASONS.gridBaseData,
        })),
        false,
      ),
      departments,
    ];
  },
  drills: {
    total: (ctx, _key, page) => ctx.drills.events(ctx.window, FACET_FILTERS.gridEvent, {}, page),
    grids: (ctx, key, page) =>
      ctx.drills.events(
        ctx.window,
        `${FACET_FILTERS.gridEvent} AND grid_code = {key:String}`,
        { key: requireKey(key) },
        page,
      ),
    departments: (ctx, key, page) => ctx.orders.departmentOrders(ctx.window, IN_GRID, requireKey(key), page),
    byKind: (ctx, key, page) =>
      ctx.drills.events(
        ctx.window,
        `${FACET_FILTERS.gridEvent} AND kind = {key:String}`,
        { key: requireKey(key) },
        page,
      ),
  },
};
