import { z } from 'zod';

/**
 * What the wall's theme endpoints answer. Every number here was computed by a query on the server
 * (materialized views, entity state, hot state); the screens only draw it. Keys are stable English
 * identifiers the screens translate through their message catalogue; `label` is display text that
 * comes from the data itself (a category name a source sent, a department, a town).
 */
export const THEMES = ['home', 'hotline', 'urban', 'grid', 'safety', 'approvals', 'devices'] as const;
export const theme = z.enum(THEMES);
export type Theme = z.infer<typeof theme>;

/** Why a KPI shows "—" instead of a number. */
export const kpiReason = z.object({ code: z.string(), zh: z.string(), en: z.string() });
export type KpiReason = z.infer<typeof kpiReason>;

export const kpiUnit = z.enum(['item', 'device', 'person', 'second', 'perMinute', 'percent', 'grid', 'source']);
export type KpiUnit = z.infer<typeof kpiUnit>;

export const kpiItem = z.object({ key: z.string(), label: z.string().optional(), value: z.number() });
export type KpiItem = z.infer<typeof kpiItem>;

const base = {
  id: z.string(),
  /** Whether `GET …/{kpi}/items` lists what makes the number up. */
  drill: z.boolean(),
};

export const countKpi = z.object({
  ...base,
  status: z.literal('ok'),
  kind: z.literal('count'),
  value: z.number(),
  unit: kpiUnit,
});
/** A share in [0, 1]; `value` is null when the denominator is 0 (nothing to rate yet). */
export const rateKpi = z.object({
  ...base,
  status: z.literal('ok'),
  kind: z.literal('rate'),
  value: z.number().nullable(),
  numerator: z.number(),
  denominator: z.number(),
});
export const breakdownKpi = z.object({
  ...base,
  status: z.literal('ok'),
  kind: z.literal('breakdown'),
  items: z.array(kpiItem),
  total: z.number(),
});
/** Hourly (or per-minute) buckets; `null` for buckets still in the future. */
export const seriesKpi = z.object({
  ...base,
  status: z.literal('ok'),
  kind: z.literal('series'),
  buckets: z.array(z.string()),
  series: z.array(z.object({ key: z.string(), label: z.string().optional(), values: z.array(z.number().nullable()) })),
});
/** Rows × columns; a column the data cannot fill yet is null in every row and named in `missing`. */
export const tableKpi = z.object({
  ...base,
  status: z.literal('ok'),
  kind: z.literal('table'),
  columns: z.array(z.string()),
  rows: z.array(z.object({ key: z.string(), label: z.string().optional(), values: z.array(z.number().nullable()) })),
  missing: z.array(z.object({ column: z.string(), reason: kpiReason })),
});
export const unavailableKpi = z.object({
  ...base,
  status: z.literal('unavailable'),
  kind: z.enum(['count', 'rate', 'breakdown', 'series', 'table']),
  reason: kpiReason,
});

export const kpi = z.union([
  z.discriminatedUnion('kind', [countKpi, rateKpi, breakdownKpi, seriesKpi, tableKpi]),
  unavailableKpi,
]);
export type Kpi = z.infer<typeof kpi>;
export type CountKpi = z.infer<typeof countKpi>;
export type RateKpi = z.infer<typeof rateKpi>;
export type BreakdownKpi = z.infer<typeof breakdownKpi>;
export type SeriesKpi = z.infer<typeof seriesKpi>;
export type TableKpi = z.infer<typeof tableKpi>;

export const themeKpis = z.object({
  theme,
  /** The city-local calendar day the "today" numbers are for. */
  day: z.string(),
  timeZone: z.string(),
  generatedAt: z.string(),
  kpis: z.array(kpi),
});
export type ThemeKpis = z.infer<typeof themeKpis>;

export const drillItem = z.object({
  id: z.string(),
  time: z.string(),
  title: z.string(),
  kind: z.string().optional(),
  type: z.string().optional(),
  severity: z.string().optional(),
  /** The latest state of a case, alarm, device or window. */
  state: z.string().optional(),
  category: z.string().optional(),
  townName: z.string().optional(),
  lng: z.number().optional(),
  lat: z.number().optional(),
});
export type DrillItem = z.infer<typeof drillItem>;

export const drillPage = z.object({
  theme,
  kpi: z.string(),
  key: z.string().optional(),
  day: z.string(),
  /** How many items make the number up; equals the KPI's value (or the item's value for a key). */
  total: z.number(),
  items: z.array(drillItem),
});
export type DrillPage = z.infer<typeof drillPage>;

export const drillQuery = z
  .object({
    key: z.string().min(1).max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(100_000).default(0),
  })
  .strict();
export type DrillQuery = z.infer<typeof drillQuery>;

/** `{kpi}` in the drill path: a theme's KPI id, or `centre.kpi` on the home theme. */
export const kpiId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z]+(\.[A-Za-z]+)?$/);
