import { cityEvent, EVENT_TYPES, exampleEvent } from '@zhongshu/stream';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from './order-config.defaults';
import { matchRule, orderKeyOf } from './order-rules';

const event = (type: Parameters<typeof exampleEvent>[0], overrides: Record<string, unknown> = {}) =>
  cityEvent.parse(exampleEvent(type, overrides));

describe('auto-creation rules', () => {
  const rules = DEFAULT_RULES.rules;

  it('selects 12345 tickets that need handling, at or above the severity', () => {
    const ticket = event(EVENT_TYPES.hotlineTicket, { severity: 'minor' });
    expect(matchRule(ticket, rules)?.id).toBe('hotline-needs-handling');
    expect(matchRule(event(EVENT_TYPES.hotlineTicket, { severity: 'info' }), rules)).toBeUndefined();
    const answered = event(EVENT_TYPES.hotlineTicket, {
      data: { ...exampleEvent(EVENT_TYPES.hotlineTicket).data, needsHandling: false },
    });
    expect(matchRule(answered, rules)).toBeUndefined();
  });

  it('takes safety alarms from major up and device faults, not telemetry or approvals', () => {
    expect(matchRule(event(EVENT_TYPES.safetyAlarm, { severity: 'critical' }), rules)?.id).toBe('safety-alarm');
    expect(matchRule(event(EVENT_TYPES.safetyAlarm, { severity: 'minor' }), rules)).toBeUndefined();
    const fault = event(EVENT_TYPES.deviceStatus, {
      severity: 'major',
      data: { ...exampleEvent(EVENT_TYPES.deviceStatus).data, status: 'fault' },
    });
    expect(matchRule(fault, rules)?.id).toBe('device-fault');
    expect(matchRule(event(EVENT_TYPES.deviceStatus, { severity: 'major' }), rules)).toBeUndefined();
    expect(matchRule(event(EVENT_TYPES.deviceTelemetry, { severity: 'critical' }), rules)).toBeUndefined();
    expect(matchRule(event(EVENT_TYPES.approvalCase, { severity: 'critical' }), rules)).toBeUndefined();
  });

  it('skips disabled rules and honours the category prefix', () => {
    const gasOnly = rules.map((rule) =>
      rule.id === 'safety-alarm' ? { ...rule, categoryPrefix: 'gas' } : { ...rule, enabled: false },
    );
    expect(matchRule(event(EVENT_TYPES.safetyAlarm, { severity: 'major', category: 'gas' }), gasOnly)?.id).toBe(
      'safety-alarm',
    );
    expect(matchRule(event(EVENT_TYPES.safetyAlarm, { severity: 'major', category: 'fire.smoke' }), gasOnly)).toBe(
      undefined,
    );
    expect(matchRule(event(EVENT_TYPES.hotlineTicket), gasOnly)).toBeUndefined();
  });

  it('gives every event about the same subject one order key, and each device fault its own', () => {
    const [hotline, , , device] = rules;
    const first = event(EVENT_TYPES.hotlineTicket, { id: 'a', subject: 'RX1' });
    const update = event(EVENT_TYPES.hotlineTicket, { id: 'b', subject: 'RX1' });
    const other = event(EVENT_TYPES.hotlineTicket, { id: 'c', subject: 'RX2' });
    expect(orderKeyOf(first, hotline)).toBe(orderKeyOf(update, hotline));
    expect(orderKeyOf(first, hotline)).not.toBe(orderKeyOf(other, hotline));
    expect(orderKeyOf(first, hotline)).toMatch(/^[0-9a-f]{12}$/);
    const faultA = event(EVENT_TYPES.deviceStatus, { id: 'f1', subject: 'dev-1' });
    const faultB = event(EVENT_TYPES.deviceStatus, { id: 'f2', subject: 'dev-1' });
    expect(orderKeyOf(faultA, device)).not.toBe(orderKeyOf(faultB, device));
  });
});
