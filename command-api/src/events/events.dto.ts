import { SOURCE_KINDS } from '@zhongshu/stream';
import { z } from 'zod';

export const listEventsQuery = z
  .object({
    /** Source family: hotline, urban, safety, device, approval, hall. */
    source: z.enum(SOURCE_KINDS).optional(),
    type: z.string().max(128).optional(),
    /** County, town or grid code. */
    region: z.string().max(64).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(100),
  })
  .strict();

export type ListEventsQuery = z.infer<typeof listEventsQuery>;

export const itemResult = z.object({
  index: z.number().int(),
  id: z.string().optional(),
  status: z.enum(['stored', 'duplicate', 'rejected']),
  reason: z.string().optional(),
});

export const ingestResponse = z.object({
  /** True when at least one item was rejected (the others were still kept). */
  errors: z.boolean(),
  stored: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.number().int(),
  items: z.array(itemResult),
});
export type IngestResponse = z.infer<typeof ingestResponse>;
