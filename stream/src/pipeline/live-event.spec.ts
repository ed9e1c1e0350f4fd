import { describe, expect, it } from 'vitest';
import { EVENT_TYPES, cityEvent } from '../contracts/city-event';
import { exampleEvent } from '../contracts/examples';
import { isFeedWorthy, toLiveEvent } from './live-event';

describe('live events', () => {
  it('summarises every type in one line with the source content', () => {
    for (const type of Object.values(EVENT_TYPES)) {
      const summary = toLiveEvent(cityEvent.parse(exampleEvent(type))).summary;
      expect(summary.length).toBeGreaterThan(0);
    }
    expect(toLiveEvent(cityEvent.parse(exampleEvent(EVENT_TYPES.hotlineTicket))).summary).toBe('长滨路路灯不亮');
  });

  it('keeps routine telemetry out of the feed but not device faults or alarms', () => {
    expect(isFeedWorthy({ type: EVENT_TYPES.deviceTelemetry, severity: 'info' })).toBe(false);
    expect(isFeedWorthy({ type: EVENT_TYPES.deviceTelemetry, severity: 'major' })).toBe(true);
    expect(isFeedWorthy({ type: EVENT_TYPES.deviceStatus, severity: 'info' })).toBe(true);
    expect(isFeedWorthy({ type: EVENT_TYPES.safetyAlarm, severity: 'critical' })).toBe(true);
  });
});
