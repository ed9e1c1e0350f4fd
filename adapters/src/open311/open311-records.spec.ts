import { cityEvent, type CityEvent } from '@zhongshu/stream';
import { describe, expect, it } from 'vitest';
import { Open311Error } from './open311-errors';
import {
  groupOpen311Events,
  matchesOpen311Query,
  open311Status,
  parseOpen311ListQuery,
  selectOpen311Records,
  toOpen311Record,
  w3Time,
} from './open311-records';
import { open311EventId, open311RequestToCityEvent, validateOpen311Request } from './open311-request';

const filedAt = new Date('2026-11-21T01:15:32.250Z');

function filed(id = 'ZS311-A', fields: Record<string, string> = {}): CityEvent {
  const form = validateOpen311Request({
    service_code: '010101',
    lat: '20.02',
    long: '110.29',
    address_string: '长滨路',
    description: '路灯不亮 <三天> & 无人修',
    media_url: 'https://img.example.cn/a.jpg',
    ...fields,
  });
  return cityEvent.parse(open311RequestToCityEvent(form, id, filedAt));
}

function later(event: CityEvent, status: 'dispatched' | 'closed', at: string): CityEvent {
  if (event.type !== 'cn.zhongshu.hotline.ticket.v1') throw new Error('not a ticket');
  return cityEvent.parse({
    ...event,
    id: open311EventId(event.data.ticketNo, status),
    time: at,
    data: { ...event.data, status },
  });
}

describe('toOpen311Record', () => {
  it('reads a filed request back with every field of the spec', () => {
    expect(toOpen311Record([filed()])).toEqual({
      service_request_id: 'ZS311-A',
      status: 'open',
      status_notes: '已受理',
      service_name: '路灯不亮',
      service_code: '010101',
      description: '路灯不亮 <三天> & 无人修',
      agency_responsible: null,
      service_notice: null,
      requested_datetime: '2026-11-21T09:15:32+08:00',
      updated_datetime: '2026-11-21T09:15:32+08:00',
      expected_datetime: null,
      address: '长滨路',
      address_id: null,
      zipcode: null,
      lat: 20.02,
      long: 110.29,
      media_url: 'https://img.example.cn/a.jpg',
    });
  });

  it('takes status and update time from the latest event: closed → closed', () => {
    const first = filed();
    const dispatched = later(first, 'dispatched', '2026-11-21T10:00:00+08:00');
    const closed = later(first, 'closed', '2026-11-23T16:00:00+08:00');
    expect(toOpen311Record([closed, first, dispatched])).toMatchObject({
      status: 'closed',
      status_notes: '已办结',
      requested_datetime: '2026-11-21T09:15:32+08:00',
      updated_datetime: '2026-11-23T16:00:00+08:00',
    });
    expect(toOpen311Record([dispatched, first])).toMatchObject({ status: 'open', status_notes: '已派单' });
  });

  it('converts a non-WGS-84 position when given a converter, else leaves lat/long out', () => {
    const event = filed();
    const gcj = cityEvent.parse({ ...event, location: { lng: 110.3, lat: 20.03, crs: 'GCJ02' } });
    expect(toOpen311Record([gcj])).toMatchObject({ lat: null, long: null });
    expect(toOpen311Record([gcj], () => ({ lng: 110.294, lat: 20.0312345678 }))).toMatchObject({
      lat: 20.031235,
      long: 110.294,
    });
  });

  it('maps every ticket status to open except closed', () => {
    expect(['accepted', 'dispatched', 'in_progress', 'overdue'].map((s) => open311Status(s as 'accepted'))).toEqual([
      'open',
      'open',
      'open',
      'open',
    ]);
    expect(open311Status('closed')).toBe('closed');
  });

  it('groups events by request and ignores other types', () => {
    const a = filed('ZS311-A');
    const b = filed('ZS311-B');
    const groups = groupOpen311Events([a, b, later(a, 'closed', '2026-11-22T00:00:00Z')]);
    expect([...groups.keys()]).toEqual(['ZS311-A', 'ZS311-B']);
    expect(groups.get('ZS311-A')).toHaveLength(2);
    expect(toOpen311Record([])).toBeUndefined();
  });

  it('writes w3 datetimes in whole seconds with their offset', () => {
    expect(w3Time('2026-11-21T09:15:32.250+08:00')).toBe('2026-11-21T09:15:32+08:00');
    expect(w3Time('2026-11-21T01:15:32.250Z')).toBe('2026-11-21T01:15:32Z');
    expect(w3Time('2026-11-21T01:15:32Z')).toBe('2026-11-21T01:15:32Z');
  });
});

describe('parseOpen311ListQuery', () => {
  const now = new Date('2026-11-21T12:00:00Z');
  const DAY = 24 * 3600 * 1000;

  function errorOf(raw: Record<string, unknown>): Open311Error {
    try {
      parseOpen311ListQuery(raw, now);
    } catch (error) {
      if (error instanceof Open311Error) return error;
      throw error;
    }
    throw new Error('expected an Open311Error');
  }

  it('defaults to the most recent 90 days, the first page of 1000', () => {
    expect(parseOpen311ListQuery({ jurisdiction_id: 'haikou.gov.cn' }, now)).toEqual({
      start: new Date(now.getTime() - 90 * DAY),
      end: now,
      page: 1,
      pageSize: 1000,
    });
  });

  it('extends a lone start_date or end_date by 90 days', () => {
    const start = parseOpen311ListQuery({ start_date: '2026-01-01T00:00:00+08:00' }, now);
    expect(start.end.getTime() - start.start.getTime()).toBe(90 * DAY);
    const end = parseOpen311ListQuery({ end_date: '2026-01-01T00:00:00Z' }, now);
    expect(end.start).toEqual(new Date(Date.parse('2026-01-01T00:00:00Z') - 90 * DAY));
  });

  it('reads comma lists and repeated arguments', () => {
    const query = parseOpen311ListQuery(
      {
        service_code: ['010101,010102', '020101'],
        status: 'open,closed',
        service_request_id: 'A, B',
        page: '2',
        page_size: '50',
      },
      now,
    );
    expect(query).toMatchObject({
      serviceCodes: ['010101', '010102', '020101'],
      statuses: ['open', 'closed'],
      serviceRequestIds: ['A', 'B'],
      page: 2,
      pageSize: 50,
    });
  });

  it('refuses a span over 90 days, reversed dates, bad dates, statuses and paging in one 400', () => {
    expect(
      errorOf({ start_date: '2026-01-01T00:00:00Z', end_date: '2026-06-01T00:00:00Z' }).errors[0].description,
    ).toMatch(/90 days/);
    expect(errorOf({ start_date: '2026-02-01T00:00:00Z', end_date: '2026-01-01T00:00:00Z' }).status).toBe(400);
    const error = errorOf({
      start_date: '2026-01-01',
      status: 'pending',
      page: '0',
      page_size: '5000',
      service_code: '1',
    });
    expect(error.status).toBe(400);
    expect(error.errors.map((e) => e.description)).toEqual([
      'service_code must be 6-digit codes',
      'status must be open or closed',
      'start_date must be a w3 datetime with a time zone, e.g. 2026-11-01T00:00:00+08:00',
      'page must be an integer from 1 to 1000000',
      'page_size must be an integer from 1 to 1000',
    ]);
  });

  it('matches records by requested time, service code and status', () => {
    const record = toOpen311Record([filed()])!;
    const query = parseOpen311ListQuery({ start_date: '2026-11-20T00:00:00Z', end_date: '2026-11-22T00:00:00Z' }, now);
    expect(matchesOpen311Query(record, query)).toBe(true);
    expect(matchesOpen311Query(record, { ...query, serviceCodes: ['010102'] })).toBe(false);
    expect(matchesOpen311Query(record, { ...query, statuses: ['closed'] })).toBe(false);
    expect(matchesOpen311Query(record, { ...query, end: new Date('2026-11-21T00:00:00Z') })).toBe(false);
  });
});

describe('selectOpen311Records', () => {
  const now = new Date('2026-11-25T00:00:00Z');
  const query = parseOpen311ListQuery(
    { start_date: '2026-11-21T00:00:00+08:00', end_date: '2026-11-22T00:00:00+08:00' },
    now,
  );
  const at = (id: string, time: string, code = '010101') =>
    cityEvent.parse({ ...filed(id, { service_code: code }), time });

  it('keeps requests filed in the window with their latest status, newest first, paged', () => {
    const a = at('ZS311-A', '2026-11-21T09:00:00+08:00');
    const b = at('ZS311-B', '2026-11-21T10:00:00+08:00', '010102');
    const c = at('ZS311-C', '2026-11-21T11:00:00+08:00');
    const aClosed = later(a, 'closed', '2026-11-24T09:00:00+08:00');
    const events = [aClosed, c, b, a];
    expect(selectOpen311Records(events, query).map((r) => [r.service_request_id, r.status])).toEqual([
      ['ZS311-C', 'open'],
      ['ZS311-B', 'open'],
      ['ZS311-A', 'closed'],
    ]);
    expect(selectOpen311Records(events, { ...query, statuses: ['closed'] }).map((r) => r.service_request_id)).toEqual([
      'ZS311-A',
    ]);
    expect(
      selectOpen311Records(events, { ...query, serviceCodes: ['010102'] }).map((r) => r.service_request_id),
    ).toEqual(['ZS311-B']);
    expect(selectOpen311Records(events, { ...query, page: 2, pageSize: 2 }).map((r) => r.service_request_id)).toEqual([
      'ZS311-A',
    ]);
  });

  it('leaves out a request filed before the window whose later status event is in it', () => {
    const old = at('ZS311-OLD', '2026-11-01T09:00:00+08:00');
    const closedInWindow = later(old, 'closed', '2026-11-21T12:00:00+08:00');
    expect(selectOpen311Records([closedInWindow], query)).toEqual([]);
  });
});
