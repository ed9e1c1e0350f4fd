import { ACTIONS, DOMAIN_ERROR_CODES, workOrder, workOrderCommand } from '@zhongshu/ticketing';
import { z } from 'zod';
import { putRoutingBody, putRulesBody, routingDocument, rulesDocument } from './order-config.schema';
import { createOrderBody } from './work-orders.dto';

const schema = (type: z.ZodType, io: 'input' | 'output' = 'output') =>
  z.toJSONSchema(type, { io, target: 'openapi-3.0', unrepresentable: 'any' });
const json = (type: z.ZodType, io: 'input' | 'output' = 'output') => ({
  'application/json': { schema: schema(type, io) },
});
const errorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), messageZh: z.string(), details: z.unknown().optional() }),
});
const error = (description: string) => ({ description, content: json(errorBody) });
const id = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const query = (
  name: string,
  description: string,
  type: Record<string, unknown> = { type: 'string' },
  required = false,
) => ({
  name,
  in: 'query',
  required,
  description,
  schema: type,
});

const detail = z.object({
  order: workOrder,
  allowedCommands: z.array(z.string()),
  routing: z
    .object({ lead: z.string(), co: z.array(z.string()), multiUnit: z.boolean(), fallback: z.boolean() })
    .optional(),
});
const versioned = (doc: z.ZodType) =>
  z.intersection(
    z.object({ version: z.number().int(), updatedAt: z.string().optional(), updatedBy: z.string().optional() }),
    doc,
  );

const scoped =
  'Data scope applies: a liaison, engineer or unit leader sees the orders of their unit, a street user those of their street; an order outside it answers 404. Phone and ID numbers are masked (138****1234) except for dispatchers and commanders.';

/** The work-order routes for the OpenAPI document (openapi.document.ts). */
export const workOrdersOpenApiPaths = {
  '/api/v1/work-orders': {
    get: {
      summary: 'Work orders, newest change first, with filters and paging (scoped to the caller)',
      description: scoped,
      parameters: [
        query('status', 'Comma list of statuses, e.g. dispatched,handling'),
        query('kind', 'single or joint', { type: 'string', enum: ['single', 'joint'] }),
        query('category', 'Category code prefix (010101, urban.component, safety.gas…)'),
        query('urgency', 'emergency, utilities, general or complex'),
        query('townCode', 'Street (9-digit town code)'),
        query('department', 'A unit on the order'),
        query('overdue', 'true: past the deadline and not delivered', { type: 'string', enum: ['true', 'false'] }),
        query('q', 'Words in the title'),
        query('from', 'Created at or after (ISO 8601 with offset)', { type: 'string', format: 'date-time' }),
        query('to', 'Created before', { type: 'string', format: 'date-time' }),
        query('limit', '1–200, default 50', { type: 'integer', minimum: 1, maximum: 200 }),
        query('offset', 'Rows to skip', { type: 'integer', minimum: 0 }),
      ],
      responses: {
        '200': { description: '{ total, limit, offset, items: order summaries with the current warning colour }' },
        '400': error('Invalid filter'),
        '401': error('Not signed in'),
        '403': error('A role that does no casework (admin)'),
      },
    },
    post: {
      summary: 'Report a matter (接诉): a new order in `received`, version 1',
      description: 'The street is found from `location` when left out. Anyone doing casework may report.',
      requestBody: { required: true, content: json(createOrderBody, 'input') },
      responses: {
        '201': {
          description: 'The order, the commands the caller may issue, and a routing suggestion',
          content: json(detail),
        },
        '400': error('Invalid body'),
        '403': error('FORBIDDEN or OUT_OF_SCOPE (another street)'),
        '503': error('ORDER_LOG_UNAVAILABLE: not stored, nothing changed'),
      },
    },
  },
  '/api/v1/work-orders/{id}': {
    get: {
      summary: 'One order with its version and its full timeline',
      description: `${scoped} While it waits for dispatch, a routing suggestion (duty table, 首接负责, 兜底) comes with it.`,
      parameters: [id],
      responses: {
        '200': { description: 'The order', content: json(detail) },
        '404': error('WORK_ORDER_NOT_FOUND (or not in your data scope)'),
      },
    },
  },
  '/api/v1/work-orders/{id}/duplicates': {
    get: {
      summary: 'Likely duplicates (一事多诉): same category, near in space and time, still mergeable',
      description: 'Radius and time window come from the rules document (`duplicates`). Merge with the `merge` action.',
      parameters: [id],
      responses: {
        '200': { description: '{ orderId, candidates: [{ id, version, status, title, distanceMeters, hoursApart }] }' },
        '404': error('WORK_ORDER_NOT_FOUND'),
      },
    },
  },
  '/api/v1/work-orders/{id}/actions/{action}': {
    post: {
      summary: 'Run an action on the order; the body carries the version the caller saw',
      description: [
        "The action comes from the path; the body is that action's command (the `action` field may be left out).",
        'A stale `version` answers 409 VERSION_CONFLICT: of two conflicting actions exactly one succeeds.',
        '`urge` needs only `{ version, note? }`. The answer is sent once the transition is in the durable order log.',
        `Error codes: ${DOMAIN_ERROR_CODES.join(', ')}, WORK_ORDER_NOT_FOUND, UNKNOWN_ACTION, ORDER_LOG_UNAVAILABLE.`,
      ].join(' '),
      parameters: [id, { name: 'action', in: 'path', required: true, schema: { type: 'string', enum: [...ACTIONS] } }],
      requestBody: {
        required: true,
        content: {
          'application/json': {
            schema: schema(workOrderCommand, 'input'),
            examples: {
              urge: { value: { version: 4, note: '请尽快处置' } },
              dispatch: { value: { version: 2, units: [{ department: 'ZJJ', role: 'lead' }, { department: 'SWJ' }] } },
              feedback: { value: { version: 6, measures: '更换灯泡', result: '路灯已恢复' } },
            },
          },
        },
      },
      responses: {
        '200': { description: '{ order, events }: the order after the action and the domain events it produced' },
        '400': error('INVALID_COMMAND: the body does not fit the action'),
        '403': error('FORBIDDEN (role) or OUT_OF_SCOPE (not your unit task / street)'),
        '404': error('WORK_ORDER_NOT_FOUND, UNKNOWN_ACTION or CHILD_NOT_FOUND'),
        '409': error('VERSION_CONFLICT or TRANSITION_NOT_ALLOWED'),
        '422': error('PRECONDITION_FAILED (e.g. closing without a note)'),
        '503': error('ORDER_LOG_UNAVAILABLE or HOT_STATE_UNAVAILABLE: nothing changed, retry'),
      },
    },
  },
  '/api/v1/routing': {
    get: {
      summary: 'The routing table (category + place → owning unit, 首接负责, 兜底) and the units it names',
      responses: {
        '200': { description: 'Routing document with its version', content: json(versioned(routingDocument)) },
      },
    },
    put: {
      summary: 'Replace the routing table; `version` is the one you read (409 when stale)',
      requestBody: { required: true, content: json(putRoutingBody, 'input') },
      responses: {
        '200': { description: 'Saved, with the new version', content: json(versioned(routingDocument)) },
        '400': error('Invalid document (e.g. a rule names an unknown unit)'),
        '409': error('VERSION_CONFLICT'),
      },
    },
  },
  '/api/v1/rules': {
    get: {
      summary: 'Auto-creation rules (which city events become orders) and the duplicate window',
      responses: { '200': { description: 'Rules document with its version', content: json(versioned(rulesDocument)) } },
    },
    put: {
      summary: 'Replace the rules; `version` is the one you read (409 when stale)',
      requestBody: { required: true, content: json(putRulesBody, 'input') },
      responses: {
        '200': { description: 'Saved, with the new version', content: json(versioned(rulesDocument)) },
        '400': error('Invalid document'),
        '409': error('VERSION_CONFLICT'),
      },
    },
  },
  '/api/v1/assessment': {
    get: {
      summary: '考核: response, resolution, satisfaction, on-time, overdue and return rates with rankings',
      description: 'Replayed from the order log for [from, to); `by=department` ranks units, `by=region` streets.',
      parameters: [
        query('from', 'Period start (inclusive), ISO 8601 with offset', { type: 'string', format: 'date-time' }, true),
        query('to', 'Period end (exclusive)', { type: 'string', format: 'date-time' }, true),
        query('by', 'department (default) or region', { type: 'string', enum: ['department', 'region'] }),
      ],
      responses: {
        '200': { description: '{ period, by, rows: [{ key, name, counts, rates, score, rank, ranks }], total }' },
        '400': error('Invalid period (at most 366 days)'),
      },
    },
  },
};
