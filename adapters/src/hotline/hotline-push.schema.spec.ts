import { cityEvent, describeIssues } from '@zhongshu/stream';
import { describe, expect, it } from 'vitest';
import { hotlineEventId, hotlinePush, toCityEvent, type HotlinePushInput } from './hotline-push.schema';

/** What an AMap-based 12345 platform typically sends, Chinese labels and local time included. */
const platformPush: HotlinePushInput = {
  ticketNo: 'RX202611210001',
  acceptedAt: '2026-11-21 09:15:32',
  channel: '电话',
  kind: '投诉',
  categoryCode: '020101',
  title: '长滨路工地夜间施工噪音扰民',
  content: '来电人反映：长滨路128号附近工地每晚施工到凌晨，噪音很大。请相关部门尽快核实处理。',
  address: '海口市秀英区长流镇长滨路128号附近',
  lng: '110.295512',
  lat: '20.025731',
  caller: { name: '王先生', phone: '138****1234' },
  needsHandling: true,
  status: '已受理',
};

describe('hotlinePush', () => {
  it('reads a platform push: Chinese labels, Beijing local time, string coordinates, GCJ-02 by default', () => {
    const push = hotlinePush.parse(platformPush);
    expect(push).toMatchObject({
      acceptedAt: '2026-11-21T09:15:32+08:00',
      channel: 'phone',
      kind: 'complaint',
      status: 'accepted',
      lng: 110.295512,
      lat: 20.025731,
      crs: 'GCJ02',
      urgency: 'normal',
    });
  });

  it('takes our English values, ISO times with offsets, explicit crs spellings and nulls for absent fields', () => {
    const push = hotlinePush.parse({
      ...platformPush,
      acceptedAt: '2026-11-21T01:15:32Z',
      updatedAt: null,
      channel: 'APP',
      kind: 'help',
      status: 'in_progress',
      crs: 'bd-09',
      caller: null,
      areaCode: null,
    });
    expect(push).toMatchObject({ channel: 'app', kind: 'help', status: 'in_progress', crs: 'BD09' });
    expect(push.caller).toBeUndefined();
    expect(push.updatedAt).toBeUndefined();
  });

  it('names every failing field', () => {
    const result = hotlinePush.safeParse({
      ...platformPush,
      channel: '传真',
      acceptedAt: 'yesterday',
      categoryCode: '0201',
      lat: undefined,
      needsHandling: 'yes',
    });
    expect(result.success).toBe(false);
    const reason = describeIssues(result.error!);
    expect(reason).toMatch(/channel: unknown channel "传真"/);
    expect(reason).toMatch(/acceptedAt/);
    expect(reason).toMatch(/categoryCode/);
    expect(reason).toMatch(/needsHandling/);
  });

  it('wants lng and lat together', () => {
    const result = hotlinePush.safeParse({ ...platformPush, lat: undefined });
    expect(result.success).toBe(false);
    expect(describeIssues(result.error!)).toMatch(/lng: lng and lat come together/);
  });

  it('refuses ticket numbers with spaces', () => {
    expect(hotlinePush.safeParse({ ...platformPush, ticketNo: 'RX 1' }).success).toBe(false);
  });
});

describe('toCityEvent', () => {
  it('maps a push to a valid cn.zhongshu.hotline.ticket.v1 event', () => {
    const event = toCityEvent(hotlinePush.parse(platformPush), 'haikou12345');
    const parsed = cityEvent.safeParse(event);
    expect(parsed.success ? undefined : describeIssues(parsed.error)).toBeUndefined();
    expect(event).toMatchObject({
      id: 'hotline:haikou12345:RX202611210001:accepted',
      source: '/hotline/haikou12345',
      type: 'cn.zhongshu.hotline.ticket.v1',
      time: '2026-11-21T09:15:32+08:00',
      subject: 'RX202611210001',
      category: '020101',
      severity: 'info',
      location: { lng: 110.295512, lat: 20.025731, crs: 'GCJ02' },
      data: {
        ticketNo: 'RX202611210001',
        channel: 'phone',
        kind: 'complaint',
        categoryCode: '020101',
        categoryName: '环境保护/噪声污染/夜间施工噪音',
        caller: { name: '王先生', phone: '138****1234' },
        needsHandling: true,
        status: 'accepted',
      },
    });
  });

  it('gives a redelivery the same id and a status change a new one, timed at the change', () => {
    const first = toCityEvent(hotlinePush.parse(platformPush), 'p1');
    const again = toCityEvent(hotlinePush.parse(structuredClone(platformPush)), 'p1');
    const closed = toCityEvent(
      hotlinePush.parse({ ...platformPush, status: '已办结', updatedAt: '2026-11-23 16:00:00' }),
      'p1',
    );
    expect(again.id).toBe(first.id);
    expect(closed.id).toBe(hotlineEventId('p1', 'RX202611210001', 'closed'));
    expect(closed.id).not.toBe(first.id);
    expect(closed.time).toBe('2026-11-23T16:00:00+08:00');
    expect(toCityEvent(hotlinePush.parse(platformPush), 'p2').id).not.toBe(first.id);
  });

  it('drops 0,0 (platforms’ "not located"), keeps a county code, maps urgency to severity', () => {
    const event = toCityEvent(
      hotlinePush.parse({ ...platformPush, lng: 0, lat: 0, areaCode: '460105', urgency: '特急', caller: {} }),
      'p1',
    );
    expect(event.location).toBeUndefined();
    expect(event.region).toEqual({ code: '460105' });
    expect(event.severity).toBe('critical');
    expect(event.data.caller).toBeUndefined();
    expect(toCityEvent(hotlinePush.parse({ ...platformPush, urgency: 'urgent' }), 'p1').severity).toBe('major');
  });

  it('keeps a category outside our catalogue, named by the platform or by its code', () => {
    const named = toCityEvent(
      hotlinePush.parse({ ...platformPush, categoryCode: '990101', categoryName: '其他/其他/其他' }),
      'p1',
    );
    expect(named.data.categoryName).toBe('其他/其他/其他');
    const bare = toCityEvent(hotlinePush.parse({ ...platformPush, categoryCode: '990101' }), 'p1');
    expect(bare.data.categoryName).toBe('990101');
    expect(cityEvent.safeParse(bare).success).toBe(true);
  });
});
