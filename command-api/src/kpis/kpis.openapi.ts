import { z } from 'zod';
import { THEMES, drillPage, themeKpis } from './kpi.contract';

const schema = (type: z.ZodType) =>
  z.toJSONSchema(type, { io: 'output', target: 'openapi-3.0', unrepresentable: 'any' });
const json = (type: z.ZodType) => ({ 'application/json': { schema: schema(type) } });
const errorBody = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: { code: { type: 'string' }, message: { type: 'string' }, messageZh: { type: 'string' } },
    },
  },
};
const themeParameter = {
  name: 'theme',
  in: 'path',
  required: true,
  description:
    'home 首页, hotline 12345, urban 城市管理, grid 社区网格, safety 社会治安+应急, approvals 一网通办, devices 信息中心',
  schema: { type: 'string', enum: [...THEMES] },
};

/** The wall's theme KPIs and drill-down; a wall token may call both (read-only). */
export const kpisOpenApiPaths = {
  '/api/v1/kpis/{theme}': {
    get: {
      summary: "One wall theme's KPIs for the city-local day, from materialized views and hot state",
      description:
        'Every number is computed on the server. A KPI whose data does not exist yet (e.g. 按时办结率 before work orders) has status "unavailable" and a reason in Chinese and English instead of a number.',
      parameters: [themeParameter],
      responses: {
        '200': { description: 'Theme KPIs', content: json(themeKpis) },
        '400': { description: 'Unknown theme', content: { 'application/json': { schema: errorBody } } },
      },
    },
  },
  '/api/v1/kpis/{theme}/{kpi}/items': {
    get: {
      summary: 'What makes one KPI up (events, cases, alarms, devices), newest first',
      description:
        'For a breakdown or a table pass `key` (an item key or a row key). `total` equals the KPI value (or the item value for a key).',
      parameters: [
        themeParameter,
        {
          name: 'kpi',
          in: 'path',
          required: true,
          description: 'A KPI id of the theme; on home, `centre.kpi` such as hotline.total',
          schema: { type: 'string' },
        },
        { name: 'key', in: 'query', required: false, schema: { type: 'string' } },
        { name: 'limit', in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 200 } },
        { name: 'offset', in: 'query', required: false, schema: { type: 'integer', minimum: 0 } },
      ],
      responses: {
        '200': { description: 'One page of items and their total', content: json(drillPage) },
        '400': {
          description: 'Invalid request or a breakdown without key',
          content: { 'application/json': { schema: errorBody } },
        },
        '404': {
          description: 'The theme has no such drillable KPI',
          content: { 'application/json': { schema: errorBody } },
        },
      },
    },
  },
};
