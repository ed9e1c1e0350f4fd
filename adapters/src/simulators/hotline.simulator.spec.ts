import { EVENT_TYPES, type CityEventInput } from '@zhongshu/stream';
import { describe, expect, it } from 'vitest';
import { HOTLINE_CATEGORIES } from './hotline.catalogue';
import { HotlineSimulator } from './hotline.simulator';
import { Rng } from './prng';
import { drive } from './source-driver';
import { xiuyingTestProfile } from './test-profile';

type Ticket = Extract<CityEventInput, { type: typeof EVENT_TYPES.hotlineTicket }>;

const tickets = drive(new HotlineSimulator(xiuyingTestProfile, new Rng(5)), {
  from: new Date('2026-06-01T08:00:00+08:00'),
  to: new Date('2026-06-01T12:00:00+08:00'),
  perMinute: 25,
}).filter((event): event is Ticket => event.type === EVENT_TYPES.hotlineTicket);
const data = tickets.map((ticket) => ticket.data);
const share = (predicate: (ticket: Ticket['data']) => boolean) => data.filter(predicate).length / data.length;

describe('HotlineSimulator', () => {
  it('takes most tickets by phone and the rest over the four online channels', () => {
    expect(tickets.length).toBeGreaterThan(5_000);
    expect(share((ticket) => ticket.channel === 'phone')).toBeGreaterThan(0.55);
    expect(share((ticket) => ticket.channel === 'phone')).toBeLessThan(0.65);
    expect(new Set(data.map((ticket) => ticket.channel))).toEqual(
      new Set(['phone', 'wechat', 'app', 'web', 'miniprogram']),
    );
  });

  it('uses all six 诉求类型 and sends about 70% on for handling', () => {
    expect(new Set(data.map((ticket) => ticket.kind))).toEqual(
      new Set(['consult', 'help', 'complaint', 'report', 'suggestion', 'praise']),
    );
    expect(share((ticket) => ticket.needsHandling)).toBeGreaterThan(0.62);
    expect(share((ticket) => ticket.needsHandling)).toBeLessThan(0.78);
    // Consultations are mostly answered on the call (直接办结); complaints mostly need a work order.
    const handled = (kind: string) =>
      data.filter((ticket) => ticket.kind === kind && ticket.needsHandling).length /
      data.filter((ticket) => ticket.kind === kind).length;
    expect(handled('consult')).toBeLessThan(0.4);
    expect(handled('complaint')).toBeGreaterThan(0.8);
  });

  it('classifies with a consistent 3-level, 6-digit catalogue of about thirty leaves', () => {
    expect(HOTLINE_CATEGORIES.length).toBeGreaterThanOrEqual(30);
    expect(new Set(HOTLINE_CATEGORIES.map((category) => category.code)).size).toBe(HOTLINE_CATEGORIES.length);
    const levelNames = new Map<string, string>();
    for (const { code, path } of HOTLINE_CATEGORIES) {
      expect(code).toMatch(/^\d{6}$/);
      for (const [digits, name] of [
        [code.slice(0, 2), path[0]],
        [code.slice(0, 4), path[1]],
      ] as const) {
        // One code prefix names one branch of the tree, or reports would split a category in two.
        expect(levelNames.get(digits) ?? name, `${code} ${path.join('/')}`).toBe(name);
        levelNames.set(digits, name);
      }
    }
    const byCode = new Map(HOTLINE_CATEGORIES.map((category) => [category.code, category.path.join('/')]));
    for (const ticket of tickets) {
      expect(ticket.category).toBe(ticket.data.categoryCode);
      expect(byCode.get(ticket.data.categoryCode)).toBe(ticket.data.categoryName);
    }
  });

  it('writes complete Chinese titles and contents about a real place', () => {
    for (const { title, content, address, channel } of data) {
      expect(`${title}${content}`).not.toMatch(/[{}]/);
      expect(content.startsWith(channel === 'phone' ? '来电人反映：' : '')).toBe(true);
      expect(address).toMatch(/^海口市秀英区(秀英街道|海秀街道|长流镇)/);
    }
    expect(data.some(({ title }) => /与.+交叉口路灯不亮/.test(title))).toBe(true);
  });

  it('never emits a full caller mobile number', () => {
    const phones = data.flatMap((ticket) => (ticket.caller?.phone ? [ticket.caller.phone] : []));
    expect(phones.length).toBeGreaterThan(0.8 * data.length);
    for (const phone of phones) expect(phone).toMatch(/^1[3-9]\d\*{4}\d{4}$/);
    expect(new Set(data.map((ticket) => ticket.ticketNo)).size).toBe(data.length);
  });
});
