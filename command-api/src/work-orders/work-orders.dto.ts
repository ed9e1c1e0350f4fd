import { caller, geoPoint, urgency, WORK_ORDER_STATUSES, workOrderAction } from '@zhongshu/ticketing';
import { z } from 'zod';

/** POST /api/v1/work-orders: a matter reported by a person (接诉); the server mints the id and the clock. */
export const createOrderBody = z
  .object({
    kind: z.enum(['single', 'joint']).default('single'),
    title: z.string().trim().min(1).max(200),
    description: z.string().max(4000).default(''),
    categoryCode: z.string().trim().min(1).max(32),
    urgency: urgency.default('general'),
    /** County code; defaults to the city's district. */
    regionCode: z
      .string()
      .regex(/^\d{6}$/)
      .optional(),
    /** Street; found from `location` when left out. */
    townCode: z
      .string()
      .regex(/^\d{9}$/)
      .optional(),
    gridCode: z.string().max(64).optional(),
    location: geoPoint.optional(),
    callers: z
      .array(caller.omit({ sourceEventId: true }))
      .max(20)
      .default([]),
    sourceEventIds: z.array(z.string().max(128)).max(50).default([]),
  })
  .strict();
export type CreateOrderBody = z.infer<typeof createOrderBody>;

/** `status=dispatched,handling`: a comma list of statuses. */
const statusList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.enum(WORK_ORDER_STATUSES)).min(1).max(20));

/** GET /api/v1/work-orders: filters and paging; the caller's data scope is applied on top. */
export const listOrdersQuery = z
  .object({
    status: statusList.optional(),
    kind: z.enum(['single', 'joint']).optional(),
    category: z.string().max(32).optional(),
    urgency: urgency.optional(),
    townCode: z
      .string()
      .regex(/^\d{9}$/)
      .optional(),
    department: z.string().max(64).optional(),
    overdue: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    q: z.string().trim().min(1).max(100).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(100_000).default(0),
  })
  .strict();
export type ListOrdersQuery = z.infer<typeof listOrdersQuery>;

export const actionParam = workOrderAction;

export const assessmentQuery = z
  .object({
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
    by: z.enum(['department', 'region']).default('department'),
  })
  .strict()
  .refine((q) => Date.parse(q.from) < Date.parse(q.to), { message: '`from` must be before `to`', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 366 * 86_400_000, {
    message: 'a period of at most 366 days',
    path: ['to'],
  });
export type AssessmentQuery = z.infer<typeof assessmentQuery>;
