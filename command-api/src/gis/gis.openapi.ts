import { z } from 'zod';
import { devicePositions } from '../devices/device-positions.dto';
import { eventDetail, eventPoints, townCounts } from './map-data.dto';

const schema = (type: z.ZodType) =>
  z.toJSONSchema(type, { io: 'output', target: 'openapi-3.0', unrepresentable: 'any' });
const json = (type: z.ZodType) => ({ 'application/json': { schema: schema(type) } });
const errorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), messageZh: z.string(), details: z.unknown().optional() }),
});
const query = (name: string, description: string, type: Record<string, unknown>) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema: type,
});
const invalid = { '400': { description: 'Invalid request', content: json(errorBody) } };

/** OpenAPI paths of the map's data routes (GIS read models and device positions); spread into `paths`. */
export const mapDataOpenApiPaths = {
  '/api/v1/gis/event-points': {
    get: {
      summary: "Today's mappable events as columns, for the heatmap and the clustered layer",
      description:
        'City-local day, the newest `limit` (rows in no particular order), routine telemetry left out. Arrays share an index; `k` and `s` index `kinds` and `severities`, `t` is epoch seconds. Sent gzip-compressed when the client accepts it. Wall tokens allowed.',
      parameters: [
        query('limit', '1–300000, default 200000', { type: 'integer', minimum: 1, maximum: 300000 }),
        query('kinds', 'Comma-separated source kinds, e.g. hotline,urban', { type: 'string' }),
      ],
      responses: { '200': { description: 'Points', content: json(eventPoints) }, ...invalid },
    },
  },
  '/api/v1/gis/events/{id}': {
    get: {
      summary: "One event as a map's detail panel shows it (no personal data)",
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      responses: {
        '200': { description: 'Event detail', content: json(eventDetail) },
        '404': { description: 'Unknown event', content: json(errorBody) },
        ...invalid,
      },
    },
  },
  '/api/v1/gis/town-counts': {
    get: {
      summary: "Today's event counts per town and source kind (routine telemetry left out), from the per-minute view",
      responses: { '200': { description: 'Counts per town', content: json(townCounts) } },
    },
  },
  '/api/v1/devices/positions': {
    get: {
      summary: 'Devices that reported recently: latest position and status (online, offline, fault, silent)',
      parameters: [
        query('sinceHours', '1–168, default 24', { type: 'integer', minimum: 1, maximum: 168 }),
        query('limit', '1–20000, default 5000', { type: 'integer', minimum: 1, maximum: 20000 }),
      ],
      responses: { '200': { description: 'Devices', content: json(devicePositions) }, ...invalid },
    },
  },
};
