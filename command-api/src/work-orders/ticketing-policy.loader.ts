import { readFileSync } from 'node:fs';
import {
  calendarConfigSchema,
  createTicketingPolicy,
  deadlinePolicyConfig,
  type TicketingPolicy,
} from '@zhongshu/ticketing';
import { z } from 'zod';

/**
 * A city's deadline rules and working-day calendar, from the JSON file `WORK_ORDER_POLICY_FILE` names
 * (docs/work-orders.md). Without one: the national defaults and the built-in 2025/2026 arrangements.
 */
export const ticketingPolicyFile = z
  .object({
    calendar: z
      .object({
        years: calendarConfigSchema.optional(),
        missingYear: z.enum(['weekends', 'error']).optional(),
        utcOffsetMinutes: z.number().int().min(-720).max(840).optional(),
      })
      .strict()
      .optional(),
    deadlines: deadlinePolicyConfig.optional(),
  })
  .strict();

export function loadTicketingPolicy(file?: string): TicketingPolicy {
  if (!file) return createTicketingPolicy();
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`WORK_ORDER_POLICY_FILE ${file} is not readable JSON: ${(error as Error).message}`);
  }
  const parsed = ticketingPolicyFile.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`WORK_ORDER_POLICY_FILE ${file} is not a valid policy:\n${problems}`);
  }
  return createTicketingPolicy({ calendar: parsed.data.calendar ?? {}, deadlines: parsed.data.deadlines });
}
