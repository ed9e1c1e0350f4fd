import { z } from 'zod';
import { ingestResponse } from '../../events/events.dto';

const schema = (type: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(type, { io, target: 'openapi-3.0', unrepresentable: 'any' });

const errorBody = schema(
  z.object({
    error: z.object({ code: z.string(), message: z.string(), messageZh: z.string(), details: z.unknown().optional() }),
  }),
  'output',
);

/**
 * The OpenAPI path item of one push endpoint, from the zod schema the endpoint validates with. Shared by
 * the urban, safety and approvals fragments; spread them into `paths` of `buildOpenApiDocument()`.
 */
export function pushEndpointDoc(options: { summary: string; description: string; item: z.ZodType; example: unknown }) {
  const item = schema(options.item, 'input');
  return {
    post: {
      summary: options.summary,
      description: `${options.description} Each item is validated on its own; invalid items are kept in the dead letters with the reason. A redelivered item has the same deterministic id and comes back \`duplicate\`. When \`INGEST_TOKENS\` is set, send \`Authorization: Bearer <token>\`.`,
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: { oneOf: [item, { type: 'array', items: item }] },
            example: [options.example],
          },
          'application/x-ndjson': { schema: { type: 'string', description: 'One item per line' } },
        },
      },
      responses: {
        '200': {
          description: 'Per-item results',
          content: { 'application/json': { schema: schema(ingestResponse, 'output') } },
        },
        '400': {
          description: 'The body is not JSON (kept as a dead letter)',
          content: { 'application/json': { schema: errorBody } },
        },
        '401': {
          description: 'Missing or unknown ingest token',
          content: { 'application/json': { schema: errorBody } },
        },
        '503': {
          description: 'Saturated: nothing was kept; retry after Retry-After seconds',
          content: { 'application/json': { schema: errorBody } },
        },
      },
    },
  };
}
