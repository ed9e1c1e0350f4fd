import { createHash } from 'node:crypto';
import { severity as severitySchema, type CityEvent, type Severity } from '@zhongshu/stream';
import type { CreationRule } from './order-config.schema';

const RANK: Record<Severity, number> = Object.fromEntries(severitySchema.options.map((s, i) => [s, i])) as Record<
  Severity,
  number
>;

/** The first enabled rule the event meets, or undefined: the rules are tried in their listed order. */
export function matchRule(event: CityEvent, rules: readonly CreationRule[]): CreationRule | undefined {
  return rules.find(
    (rule) =>
      rule.enabled &&
      rule.eventType === event.type &&
      RANK[event.severity] >= RANK[rule.minSeverity] &&
      event.category.startsWith(rule.categoryPrefix) &&
      Object.entries(rule.match).every(([field, values]) =>
        values.includes((event.data as Record<string, unknown>)[field] as string | number | boolean),
      ),
  );
}

/**
 * The order an event becomes, as an id derived from what it is about: every event on the same 12345
 * ticket, urban case or alarm (`oncePer: 'subject'`) lands on one order, and replaying an event, after a
 * restart or a redelivery, finds the order it already made instead of making another.
 */
export function orderKeyOf(event: CityEvent, rule: CreationRule): string {
  const about =
    rule.oncePer === 'subject' && event.subject ? `subject:${event.type}:${event.subject}` : `event:${event.id}`;
  return createHash('sha1').update(about).digest('hex').slice(0, 12);
}
