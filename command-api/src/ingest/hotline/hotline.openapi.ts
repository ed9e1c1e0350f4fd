import { hotlinePush } from '@zhongshu/adapters';
import { z } from 'zod';
import { ingestResponse } from '../../events/events.dto';

const schema = (type: z.ZodType, io: 'input' | 'output' = 'output') =>
  z.toJSONSchema(type, { io, target: 'openapi-3.0', unrepresentable: 'any' });
const errorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), messageZh: z.string(), details: z.unknown().optional() }),
});
const header = (name: string, description: string) => ({
  name,
  in: 'header',
  required: true,
  description,
  schema: { type: 'string' },
});

/** `paths` entries for the OpenAPI document (spread into `buildOpenApiDocument().paths`). */
export function hotlineOpenApiPaths() {
  const push = schema(hotlinePush, 'input');
  return {
    '/api/v1/ingest/hotline': {
      post: {
        summary: '12345 hotline platform push: one ticket (工单) or an array, signed with HMAC-SM3',
        description:
          'Signature: hex(HMAC-SM3(partner key, `${X-Zs-Timestamp}\\n${body}`)) over the raw UTF-8 body; the timestamp ' +
          'must be within the window (default 300 s) of our clock. Each ticket is stored as event ' +
          '`hotline:{partner}:{ticketNo}:{status}`, so a redelivery answers `duplicate` and a status change is a new event.',
        parameters: [
          header('X-Zs-Partner', 'Partner id issued by the centre'),
          header('X-Zs-Timestamp', 'Unix time in seconds when the request was signed'),
          header('X-Zs-Signature', '64 hex digits: HMAC-SM3 of `${timestamp}\\n${body}`'),
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': { schema: { oneOf: [push, { type: 'array', items: push, maxItems: 1000 }] } },
          },
        },
        responses: {
          '200': {
            description: 'Per-item results',
            content: { 'application/json': { schema: schema(ingestResponse) } },
          },
          '400': {
            description: 'Body is not JSON, or not 1–1000 tickets',
            content: { 'application/json': { schema: schema(errorBody) } },
          },
          '401': {
            description:
              'Missing headers, unknown partner, stale/future timestamp or bad signature (the request is dead-lettered)',
            content: { 'application/json': { schema: schema(errorBody) } },
          },
          '415': {
            description: 'Not application/json',
            content: { 'application/json': { schema: schema(errorBody) } },
          },
          '503': {
            description: 'Saturated; retry after Retry-After seconds',
            content: { 'application/json': { schema: schema(errorBody) } },
          },
        },
      },
    },
  };
}
