import { EVENT_TYPES, SOURCE_KINDS, cityEvent, exampleEvent, kpisData, liveEvent } from '@zhongshu/stream';
import { z } from 'zod';
import { ingestResponse } from '../events/events.dto';
import { approvalsIngestOpenApi } from '../ingest/approvals/approvals-ingest.openapi';
import { hotlineOpenApiPaths } from '../ingest/hotline/hotline.openapi';
import { open311OpenApiPaths } from '../ingest/open311/open311.openapi';
import { safetyIngestOpenApi } from '../ingest/safety/safety-ingest.openapi';
import { urbanIngestOpenApi } from '../ingest/urban/urban-ingest.openapi';
import { mapDataOpenApiPaths } from '../gis/gis.openapi';
import { kpisOpenApiPaths } from '../kpis/kpis.openapi';
import { workOrdersOpenApiPaths } from '../work-orders/work-orders.openapi';

const schema = (type: z.ZodType, io: 'input' | 'output' = 'output') =>
  z.toJSONSchema(type, { io, target: 'openapi-3.0', unrepresentable: 'any' });

const errorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), messageZh: z.string(), details: z.unknown().optional() }),
});

const kpiOverview = z.object({
  day: z.string(),
  totals: z.record(z.enum(SOURCE_KINDS), z.number()),
  trend: z.array(z.object({ minute: z.string(), counts: z.record(z.enum(SOURCE_KINDS), z.number()) })),
});

const json = (type: z.ZodType, io: 'input' | 'output' = 'output') => ({
  'application/json': { schema: schema(type, io) },
});
const errors = {
  '400': { description: 'Invalid request', content: json(errorBody) },
  '503': { description: 'Saturated or not ready; see Retry-After', content: json(errorBody) },
};
const query = (name: string, description: string, type: Record<string, unknown> = { type: 'string' }) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema: type,
});

/** The OpenAPI 3.0 document, generated from the same zod contracts the API validates with. */
export function buildOpenApiDocument() {
  return {
    openapi: '3.0.3',
    info: {
      title: 'Zhongshu (中枢) command API',
      version: '0.1.0',
      description:
        'Real-time city operations command centre. Live updates: Socket.IO namespace /live (snapshot, then deltas with sequence numbers).',
    },
    paths: {
      ...hotlineOpenApiPaths(),
      ...urbanIngestOpenApi,
      ...safetyIngestOpenApi,
      ...approvalsIngestOpenApi,
      ...open311OpenApiPaths(),
      ...mapDataOpenApiPaths,
      ...kpisOpenApiPaths,
      ...workOrdersOpenApiPaths,
      '/api/health': {
        get: {
          summary: 'Readiness of warehouse, hot state, bus and pipeline lag',
          responses: { '200': { description: 'Ready' }, '503': { description: 'Not ready; the body says which part' } },
        },
      },
      '/api/v1/events': {
        post: {
          summary: 'Ingest CityEvents (JSON array, single object or NDJSON)',
          description:
            'Each item is validated on its own: valid items are stored even when others in the batch are rejected. The same id twice is stored once. The response is sent after the stored items are durable.',
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: { oneOf: [schema(cityEvent, 'input'), { type: 'array', items: schema(cityEvent, 'input') }] },
                example: Object.values(EVENT_TYPES).map((type) =>
                  exampleEvent(type, { id: `example-${type}`, time: '2026-11-21T09:30:00+08:00' }),
                ),
              },
              'application/x-ndjson': { schema: { type: 'string', description: 'One CityEvent JSON object per line' } },
            },
          },
          responses: { '200': { description: 'Per-item results', content: json(ingestResponse) }, ...errors },
        },
        get: {
          summary: 'Events, newest first',
          parameters: [
            query('source', 'Source family', { type: 'string', enum: [...SOURCE_KINDS] }),
            query('type', 'Event type, e.g. cn.zhongshu.hotline.ticket.v1'),
            query('region', 'County, town or grid code'),
            query('from', 'ISO 8601 with offset; default 7 days before `to`', { type: 'string', format: 'date-time' }),
            query('to', 'ISO 8601 with offset (exclusive)', { type: 'string', format: 'date-time' }),
            query('limit', '1–1000, default 100', { type: 'integer', minimum: 1, maximum: 1000 }),
          ],
          responses: {
            '200': { description: 'CityEvents that POST accepts back unchanged', content: json(z.array(cityEvent)) },
            ...errors,
          },
        },
      },
      '/api/v1/kpis/overview': {
        get: {
          summary: "Today's totals per source (city-local day) and a per-minute trend, from materialized views",
          parameters: [query('trendMinutes', '1–1440, default 60', { type: 'integer', minimum: 1, maximum: 1440 })],
          responses: { '200': { description: 'Overview', content: json(kpiOverview) }, ...errors },
        },
      },
      '/api/v1/dead-letters': {
        get: {
          summary: 'Rejected input, newest first, with the raw payload and the reason',
          parameters: [query('limit', '1–1000, default 100', { type: 'integer', minimum: 1, maximum: 1000 })],
          responses: { '200': { description: 'Dead letters' }, ...errors },
        },
      },
      '/api/v1/dead-letters/{id}/replay': {
        post: {
          summary: 'Send a dead letter through its boundary again; `outcome` says whether it is stored now',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '200': { description: 'Replay result with per-item results' },
            '404': { description: 'Unknown dead letter', content: json(errorBody) },
          },
        },
      },
      '/metrics': {
        get: {
          summary: 'Prometheus text exposition: adapters, pipeline, live clients, process',
          responses: { '200': { description: 'text/plain; version=0.0.4' } },
        },
      },
      '/api/v1/devices/summary': {
        get: {
          summary: 'Devices online / offline / in fault per type (latest status)',
          responses: { '200': { description: 'Fleet summary' } },
        },
      },
      '/api/v1/gis/city': {
        get: {
          summary: 'The configured city: names, centre, bbox, towns',
          responses: { '200': { description: 'City' } },
        },
      },
      '/api/v1/gis/layers/{layer}': {
        get: {
          summary: 'Boundary layers as GeoJSON (WGS-84)',
          parameters: [
            {
              name: 'layer',
              in: 'path',
              required: true,
              schema: { type: 'string', enum: ['districts', 'district', 'towns', 'grids'] },
            },
          ],
          responses: {
            '200': { description: 'GeoJSON FeatureCollection' },
            '404': { description: 'Unknown layer', content: json(errorBody) },
          },
        },
      },
    },
    components: {
      schemas: {
        CityEvent: schema(cityEvent),
        LiveEvent: schema(liveEvent),
        KpisLiveData: schema(kpisData),
        Error: schema(errorBody),
      },
    },
  };
}
