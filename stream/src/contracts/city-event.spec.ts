import { describe, expect, it } from 'vitest';
import { EVENT_TYPES, cityEvent, kindOf, parseCityEvent } from './city-event';
import { EXAMPLE_PAYLOADS } from './examples';

const base = {
  specversion: '1.0',
  id: 'evt-1',
  source: '/hotline/12345',
  time: '2026-11-21T09:30:00+08:00',
  category: '010101',
};

const samples = EXAMPLE_PAYLOADS;

describe('CityEvent contract', () => {
  it.each(Object.entries(samples))('accepts a valid %s and fills defaults', (type, data) => {
    const parsed = parseCityEvent({ ...base, type, data });
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.event.severity).toBe('info');
  });

  it('maps every type to one of the six source families', () => {
    expect(Object.values(EVENT_TYPES).map(kindOf)).toEqual([
      'hotline',
      'urban',
      'safety',
      'device',
      'device',
      'approval',
      'hall',
      'hall',
    ]);
  });

  it('names every failing field in the reason', () => {
    const parsed = parseCityEvent({
      ...base,
      time: 'yesterday',
      type: EVENT_TYPES.safetyAlarm,
      data: { ...samples[EVENT_TYPES.safetyAlarm], level: 7 },
    });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.reason).toMatch(/time/);
      expect(parsed.reason).toMatch(/data\.level/);
    }
  });

  it('rejects an unknown type, a wrong CloudEvents specversion and a bad area code', () => {
    expect(parseCityEvent({ ...base, type: 'cn.zhongshu.weather.v1', data: {} }).ok).toBe(false);
    expect(
      parseCityEvent({
        ...base,
        specversion: '0.3',
        type: EVENT_TYPES.deviceStatus,
        data: samples[EVENT_TYPES.deviceStatus],
      }).ok,
    ).toBe(false);
    expect(
      parseCityEvent({
        ...base,
        region: { code: '4601' },
        type: EVENT_TYPES.deviceStatus,
        data: samples[EVENT_TYPES.deviceStatus],
      }).ok,
    ).toBe(false);
  });

  it('round-trips: a parsed event parses to itself', () => {
    const event = cityEvent.parse({
      ...base,
      type: EVENT_TYPES.hotlineTicket,
      data: samples[EVENT_TYPES.hotlineTicket],
      location: { lng: 110.29, lat: 20.02 },
    });
    expect(cityEvent.parse(JSON.parse(JSON.stringify(event)))).toEqual(event);
    expect(event.location?.crs).toBe('WGS84');
  });
});
