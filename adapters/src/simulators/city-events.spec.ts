import { cityEvent, EVENT_TYPES, type CityEventInput } from '@zhongshu/stream';
import { describe, expect, it } from 'vitest';
import { CitySimulator } from './city.simulator';
import type { CityProfile } from './city-profile';
import { xiuyingTestProfile } from './test-profile';

const day = (iso: string) => new Date(`${iso}+08:00`);

function simulate(options: { scenario?: 'normal' | 'typhoon'; profile?: CityProfile; from: string; to: string }) {
  const simulator = new CitySimulator({
    profile: options.profile ?? xiuyingTestProfile,
    seed: 2026,
    ratePerMinute: 20,
    tickMs: 5_000,
    scenario: options.scenario,
    emit: async () => {},
  });
  return simulator.generate(day(options.from), day(options.to));
}

describe('simulated events honour the contract', () => {
  const normalDay = simulate({ from: '2026-06-01T00:00:00', to: '2026-06-02T00:00:00' });
  const typhoon = simulate({ scenario: 'typhoon', from: '2026-06-01T08:00:00', to: '2026-06-01T10:00:00' });

  it('produces thousands of events covering every event type', () => {
    expect(normalDay.length).toBeGreaterThan(20_000);
    const types = new Set(normalDay.map((event) => event.type));
    expect([...types].sort()).toEqual(Object.values(EVENT_TYPES).sort());
  });

  it.each([
    ['a normal day', normalDay],
    ['a typhoon morning', typhoon],
  ])('every event of %s passes cityEvent.parse', (_, events: CityEventInput[]) => {
    for (const event of events) {
      const result = cityEvent.safeParse(event);
      if (!result.success) throw new Error(`${event.id}: ${result.error.message}`);
    }
  });

  it('sends the CloudEvents envelope the pipeline expects', () => {
    const wrong = normalDay.filter(
      (event) =>
        event.specversion !== '1.0' ||
        !/^\/simulator\/(hotline|urban|safety|device|approval|hall)$/.test(event.source) ||
        !/^2026-06-0[12]T\d\d:\d\d:\d\d\.\d{3}\+08:00$/.test(event.time) ||
        !event.subject ||
        event.region?.code !== '460105' ||
        event.location?.crs !== 'WGS84' ||
        !/^sim-[a-z]+-460105-2026-[0-9a-z]+-\d+$/.test(event.id),
    );
    expect(wrong.slice(0, 3)).toEqual([]);
  });

  it('gives every event a unique id, even across two runs with the same seed', () => {
    const ids = [...normalDay, ...typhoon].map((event) => event.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('places events inside the profile towns', () => {
    const outside = normalDay.filter(({ location }) => {
      const { lng, lat } = location ?? { lng: 0, lat: 0 };
      return lng < 110.17 || lng > 110.3 || lat < 19.98 || lat > 20.045;
    });
    expect(outside).toEqual([]);
  });

  it('writes towns and roads of the given profile into addresses and ticket text', () => {
    const invented: CityProfile = {
      cityName: '临海市',
      districtCode: '990102',
      districtName: '东城区',
      towns: [
        { code: '990102001', name: '甲子街道', roads: ['甲一路', '甲二路'] },
        { code: '990102100', name: '乙丑镇', roads: ['乙丑大道'] },
      ],
      randomPoint: (_town, rng) => ({ lng: 120 + rng() * 0.01, lat: 30 + rng() * 0.01 }),
    };
    const events = simulate({ profile: invented, from: '2026-06-01T09:00:00', to: '2026-06-01T10:00:00' });
    const roads = ['甲一路', '甲二路', '乙丑大道'];
    const located = events.filter((event) => 'address' in event.data);
    expect(located.length).toBeGreaterThan(100);
    for (const event of located) {
      const address = (event.data as { address: string }).address;
      expect(address.startsWith('临海市东城区甲子街道') || address.startsWith('临海市东城区乙丑镇')).toBe(true);
      expect(roads.some((road) => address.includes(road))).toBe(true);
      // No road of the real fixture city may leak into another city's feed.
      expect(JSON.stringify(event.data)).not.toMatch(/秀英|长滨路|滨海大道|海秀/);
    }
    const titles = events.flatMap((event) => (event.type === EVENT_TYPES.hotlineTicket ? [event.data.title] : []));
    expect(titles.some((title) => roads.some((road) => title.includes(road)))).toBe(true);
  });
});
