import { EVENT_TYPES, severity } from '@zhongshu/stream';
import { departmentCode, routingTable, urgency } from '@zhongshu/ticketing';
import { z } from 'zod';

/** A unit orders go to (委办局, 街道, 企业): routing names units by these codes, users are bound to them. */
export const department = z.object({
  code: departmentCode,
  name: z.string().trim().min(1).max(64),
  kind: z.enum(['centre', 'district_unit', 'street', 'enterprise']).default('district_unit'),
  /** The street (9-digit town code) a street office serves. */
  townCode: z
    .string()
    .regex(/^\d{9}$/)
    .optional(),
});
export type Department = z.infer<typeof department>;

/** The routing table (ticketing's) and the units it may name; every code it uses must be a listed unit. */
export const routingDocument = z
  .object({
    departments: z.array(department).min(1).max(1000),
    table: routingTable,
  })
  .superRefine((doc, ctx) => {
    const codes = new Set<string>();
    for (const unit of doc.departments) {
      if (codes.has(unit.code)) ctx.addIssue({ code: 'custom', path: ['departments'], message: `${unit.code} twice` });
      codes.add(unit.code);
    }
    const named = [doc.table.fallbackDepartment, ...doc.table.rules.flatMap((rule) => rule.departments)];
    for (const code of new Set(named)) {
      if (!codes.has(code)) ctx.addIssue({ code: 'custom', path: ['table'], message: `unknown department ${code}` });
    }
  });
export type RoutingDocument = z.infer<typeof routingDocument>;

/** Event types the domain can turn into orders (ticketing/src/from-city-event.ts). */
export const ORDER_EVENT_TYPES = [
  EVENT_TYPES.hotlineTicket,
  EVENT_TYPES.urbanCase,
  EVENT_TYPES.safetyAlarm,
  EVENT_TYPES.deviceStatus,
] as const;

const matchValue = z.union([z.string().max(128), z.number(), z.boolean()]);

/**
 * One auto-creation rule: events of this type, at or above this severity, whose category starts with
 * the prefix and whose payload fields hold one of the listed values, become an order. `oncePer:
 * 'subject'` makes every event about the same ticket, case or alarm (CloudEvents `subject`) share one
 * order; `event` gives each event its own (device faults, where the subject is the device).
 */
export const creationRule = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits and dashes'),
  enabled: z.boolean().default(true),
  eventType: z.enum(ORDER_EVENT_TYPES),
  minSeverity: severity.default('info'),
  categoryPrefix: z.string().max(64).default(''),
  match: z.record(z.string().min(1).max(64), z.array(matchValue).min(1).max(50)).default({}),
  urgency: urgency.optional(),
  oncePer: z.enum(['event', 'subject']).default('subject'),
});
export type CreationRule = z.infer<typeof creationRule>;

export const rulesDocument = z
  .object({
    rules: z.array(creationRule).max(100),
    /** 一事多诉: orders of the same category this close in space and time are suggested as duplicates. */
    duplicates: z
      .object({
        radiusMeters: z.number().min(1).max(50_000).default(300),
        withinHours: z.number().positive().max(720).default(48),
      })
      .default({ radiusMeters: 300, withinHours: 48 }),
  })
  .superRefine((doc, ctx) => {
    const ids = new Set<string>();
    for (const rule of doc.rules) {
      if (ids.has(rule.id)) ctx.addIssue({ code: 'custom', path: ['rules'], message: `rule ${rule.id} twice` });
      ids.add(rule.id);
    }
  });
export type RulesDocument = z.infer<typeof rulesDocument>;

/** A PUT names the version it replaces, like every work-order command: a stale edit gets 409. */
export const putRoutingBody = z.intersection(z.object({ version: z.number().int().min(0) }), routingDocument);
export const putRulesBody = z.intersection(z.object({ version: z.number().int().min(0) }), rulesDocument);

export const CONFIG_NAMES = ['routing', 'rules'] as const;
export type ConfigName = (typeof CONFIG_NAMES)[number];
export interface ConfigValue {
  routing: RoutingDocument;
  rules: RulesDocument;
}
