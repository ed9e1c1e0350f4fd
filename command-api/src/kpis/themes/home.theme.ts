import { SOURCE_KINDS } from '@zhongshu/stream';
import { breakdown, count, hourlySeries, itemsFor } from '../kpi-builders';
import { requireKey, type DrillFn, type KpiContext, type ThemeModule } from '../kpi-context';
import type { Kpi } from '../kpi.contract';
import { approvalsCard, approvalsTheme } from './approvals.theme';
import { devicesCard, devicesTheme } from './devices.theme';
import { gridCard, gridTheme } from './grid.theme';
import { hotlineCard, hotlineTheme } from './hotline.theme';
import { safetyCard, safetyTheme } from './safety.theme';
import { urbanCard, urbanTheme } from './urban.theme';

const prefixed = (centre: string, kpis: Kpi[]): Kpi[] => kpis.map((kpi) => ({ ...kpi, id: `${centre}.${kpi.id}` }));

/** The six centres and 一网通办 as cards: `centre.kpi`, drilled by the centre's own theme. */
async function centreCards(ctx: KpiContext): Promise<Kpi[]> {
  const [hotline, urban, grid, safety, devices, approvals] = await Promise.all([
    hotlineCard(ctx),
    urbanCard(ctx),
    gridCard(ctx),
    safetyCard(ctx),
    devicesCard(ctx),
    approvalsCard(ctx),
  ]);
  const emergency = safety.filter((kpi) => kpi.id === 'emergency').map((kpi) => ({ ...kpi, id: 'active' }));
  return [
    ...prefixed('hotline', hotline),
    ...prefixed('urban', urban),
    ...prefixed('grid', grid),
    ...prefixed(
      'safety',
      safety.filter((kpi) => kpi.id !== 'emergency'),
    ),
    ...prefixed('emergency', emergency),
    ...prefixed('devices', devices),
    ...prefixed('approvals', approvals),
  ];
}

/** `centre.kpi` on the home wall → the theme and KPI id that drill it. */
const CARD_DRILLS: Record<string, [ThemeModule, string]> = {
  'hotline.total': [hotlineTheme, 'total'],
  'hotline.dispatched': [hotlineTheme, 'dispatched'],
  'urban.total': [urbanTheme, 'total'],
  'urban.open': [urbanTheme, 'open'],
  'grid.total': [gridTheme, 'total'],
  'safety.total': [safetyTheme, 'total'],
  'safety.active': [safetyTheme, 'active'],
  'emergency.active': [safetyTheme, 'emergency'],
  'devices.onlineRate': [devicesTheme, 'onlineRate'],
  'devices.alarms': [devicesTheme, 'alarms'],
  'approvals.accepted': [approvalsTheme, 'accepted'],
  'approvals.satisfaction': [approvalsTheme, 'satisfaction'],
};

const cardDrills: Record<string, DrillFn> = Object.fromEntries(
  Object.entries(CARD_DRILLS).map(([id, [theme, kpi]]) => [
    id,
    (ctx, key, page) => {
      const drill = theme.drills[kpi];
      if (!drill) throw new Error(`no drill ${kpi}`);
      return drill(ctx, key, page);
    },
  ]),
);

/** 首页: the whole district today, by source, by hour and by town, plus a card per centre. */
export const homeTheme: ThemeModule = {
  async kpis(ctx) {
    const { warehouse, window } = ctx;
    const [kinds, hourly, towns, cards] = await Promise.all([
      warehouse.kindCounts(window),
      warehouse.kindHourly(window),
      warehouse.townCounts(window),
      centreCards(ctx),
    ]);
    const total = [...kinds.values()].reduce((a, b) => a + b, 0);
    return [
      count('total', total, 'item'),
      breakdown('byKind', itemsFor(SOURCE_KINDS, kinds)),
      hourlySeries('hourly', window, hourly, SOURCE_KINDS),
      breakdown(
        'towns',
        towns.map((row) => ({ key: row.value, label: ctx.townName(row.value) ?? row.value, value: row.events })),
      ),
      ...cards,
    ];
  },
  drills: {
    total: (ctx, _key, page) => ctx.drills.events(ctx.window, '1', {}, page),
    byKind: (ctx, key, page) => ctx.drills.events(ctx.window, 'kind = {key:String}', { key: requireKey(key) }, page),
    towns: (ctx, key, page) =>
      ctx.drills.events(ctx.window, 'town_code = {key:String}', { key: requireKey(key) }, page),
    ...cardDrills,
  },
};
