import { cityEvent, describeIssues } from '@zhongshu/stream';
import { describe, expect, it } from 'vitest';
import { Open311Error } from './open311-errors';
import {
  checkOpen311IdempotencyKey,
  idempotentServiceRequestId,
  newServiceRequestId,
  open311RequestToCityEvent,
  parseOpen311Form,
  redactOpen311ApiKey,
  splitOpen311Content,
  validateOpen311Request,
} from './open311-request';

// The spec's example request, in 秀英区 and in Chinese.
const EXAMPLE_BODY = new URLSearchParams({
  api_key: 'xyz',
  jurisdiction_id: 'haikou.gov.cn',
  service_code: '010101',
  lat: '20.02',
  long: '110.29',
  address_string: '海口市秀英区长滨路与永庄路交叉口',
  email: 'citizen@example.cn',
  device_id: 'tt222111',
  account_id: '123456',
  first_name: '小明',
  last_name: '王',
  phone: '13800000000',
  description: '路灯不亮已三天，夜间行人不便。\n请尽快修复。',
  media_url: 'https://img.example.cn/2026/11/21/lamp.jpg',
}).toString();

function errorOf(run: () => unknown): Open311Error {
  try {
    run();
  } catch (error) {
    if (error instanceof Open311Error) return error;
    throw error;
  }
  throw new Error('expected an Open311Error');
}

describe('parseOpen311Form', () => {
  it('decodes form encoding (+, %XX, UTF-8), treats empty as absent, keeps the first of repeats', () => {
    expect(parseOpen311Form('a=1+2&b=%E8%B7%AF%E7%81%AF&c=&a=3&attribute[WHISPAWN]=123456')).toEqual({
      a: '1 2',
      b: '路灯',
    });
  });

  it('redacts the api_key of a body kept as a dead letter', () => {
    expect(redactOpen311ApiKey('service_code=1&api_key=secret&x=api_key%3D')).toBe(
      'service_code=1&api_key=[redacted]&x=api_key%3D',
    );
    expect(redactOpen311ApiKey('api_key=secret')).toBe('api_key=[redacted]');
  });
});

describe('validateOpen311Request', () => {
  it('accepts the spec’s example arguments', () => {
    const form = validateOpen311Request(parseOpen311Form(EXAMPLE_BODY));
    expect(form).toMatchObject({
      service_code: '010101',
      lat: 20.02,
      long: 110.29,
      first_name: '小明',
      last_name: '王',
    });
  });

  it('answers 400 when service_code is missing and 404 when it is unknown', () => {
    const missing = errorOf(() => validateOpen311Request({ address_string: '长滨路' }));
    expect(missing.status).toBe(400);
    expect(missing.errors).toEqual([{ code: 400, description: 'service_code was not provided' }]);
    const unknown = errorOf(() => validateOpen311Request({ service_code: '999999', address_string: '长滨路' }));
    expect(unknown.status).toBe(404);
    expect(unknown.errors[0].description).toMatch(/999999 was not found/);
  });

  it('needs a location: lat & long, address_string or address_id', () => {
    expect(errorOf(() => validateOpen311Request({ service_code: '010101' })).errors[0].description).toMatch(
      /location is required/,
    );
    expect(
      errorOf(() => validateOpen311Request({ service_code: '010101', lat: '20.02' })).errors[0].description,
    ).toMatch(/lat and long both/);
    expect(validateOpen311Request({ service_code: '010101', address_id: 'A-1' }).address_id).toBe('A-1');
  });

  it('lists every bad field in one 400', () => {
    const error = errorOf(() =>
      validateOpen311Request({
        service_code: '010101',
        lat: 'north',
        long: '190',
        email: 'not-an-email',
        media_url: 'javascript:alert(1)',
        description: 'x'.repeat(4001),
      }),
    );
    expect(error.status).toBe(400);
    const text = error.errors.map((e) => e.description).join('\n');
    expect(text).toMatch(/lat must be a decimal number/);
    expect(text).toMatch(/long out of range/);
    expect(text).toMatch(/email is not a valid address/);
    expect(text).toMatch(/media_url must be an http\(s\) URL/);
    expect(text).toMatch(/4,000 characters/);
  });
});

describe('service_request_id and Idempotency-Key', () => {
  it('makes fresh ids that differ', () => {
    const id = newServiceRequestId();
    expect(id).toMatch(/^ZS311-[0-9A-HJKMNP-TV-Z]{16}$/);
    expect(newServiceRequestId()).not.toBe(id);
  });

  it('derives the same id from the same api_key and key, another from another client', () => {
    const id = idempotentServiceRequestId('k1', 'retry-123');
    expect(id).toMatch(/^ZS311-[0-9A-HJKMNP-TV-Z]{16}$/);
    expect(idempotentServiceRequestId('k1', 'retry-123')).toBe(id);
    expect(idempotentServiceRequestId('k2', 'retry-123')).not.toBe(id);
    expect(idempotentServiceRequestId('k1', 'retry-124')).not.toBe(id);
  });

  it('checks the header', () => {
    expect(checkOpen311IdempotencyKey(undefined)).toBeUndefined();
    expect(checkOpen311IdempotencyKey('8e03978e-40d5-43e8-bc93-6894a57f9324')).toBe(
      '8e03978e-40d5-43e8-bc93-6894a57f9324',
    );
    expect(errorOf(() => checkOpen311IdempotencyKey('键')).status).toBe(400);
    expect(errorOf(() => checkOpen311IdempotencyKey(' ')).status).toBe(400);
    expect(errorOf(() => checkOpen311IdempotencyKey('x'.repeat(256))).status).toBe(400);
  });
});

describe('open311RequestToCityEvent', () => {
  const receivedAt = new Date('2026-11-21T01:15:32.250Z');

  it('files a valid hotline ticket event from /open311, WGS-84 located, personal data in caller', () => {
    const form = validateOpen311Request(parseOpen311Form(EXAMPLE_BODY));
    const event = open311RequestToCityEvent(form, 'ZS311-0123456789ABCDEF', receivedAt);
    const parsed = cityEvent.safeParse(event);
    expect(parsed.success ? undefined : describeIssues(parsed.error)).toBeUndefined();
    expect(event).toMatchObject({
      id: 'open311:ZS311-0123456789ABCDEF:accepted',
      source: '/open311',
      type: 'cn.zhongshu.hotline.ticket.v1',
      time: '2026-11-21T09:15:32.250+08:00',
      subject: 'ZS311-0123456789ABCDEF',
      category: '010101',
      location: { lng: 110.29, lat: 20.02, crs: 'WGS84' },
      data: {
        ticketNo: 'ZS311-0123456789ABCDEF',
        channel: 'app',
        kind: 'help',
        categoryCode: '010101',
        categoryName: '城乡建设/市政设施/路灯不亮',
        title: '路灯不亮：路灯不亮已三天，夜间行人不便。',
        address: '海口市秀英区长滨路与永庄路交叉口',
        caller: { name: '王小明', phone: '13800000000' },
        needsHandling: true,
        status: 'accepted',
      },
    });
    expect(JSON.stringify(event)).not.toContain('citizen@example.cn');
    expect(JSON.stringify(event)).not.toContain('tt222111');
  });

  it('keeps media_url and address_id as marked last lines of the content, and reads them back', () => {
    const form = validateOpen311Request({
      service_code: '010103',
      address_id: 'HK-XY-000123',
      media_url: 'https://img.example.cn/a.jpg',
      description: '井盖缺失',
      first_name: 'John',
      last_name: 'Smith',
    });
    const event = open311RequestToCityEvent(form, 'ZS311-X', receivedAt);
    expect(event.data.content).toBe(
      '井盖缺失\n[open311] address_id: HK-XY-000123\n[open311] media_url: https://img.example.cn/a.jpg',
    );
    expect(event.data.address).toBe('地址编号 HK-XY-000123');
    expect(event.data.caller).toEqual({ name: 'John Smith' });
    expect(event.data.channel).toBe('web');
    expect(event.location).toBeUndefined();
    expect(splitOpen311Content(event.data.content)).toEqual({
      description: '井盖缺失',
      address_id: 'HK-XY-000123',
      media_url: 'https://img.example.cn/a.jpg',
    });
  });

  it('fills a missing description with the service name and keeps a long one within the contract', () => {
    const bare = open311RequestToCityEvent(
      validateOpen311Request({ service_code: '060201', lat: '20', long: '110' }),
      'ZS311-Y',
      receivedAt,
    );
    expect(bare.data).toMatchObject({
      title: '停电',
      content: '停电',
      address: '经纬度 20.000000,110.000000 (WGS-84)',
    });
    const placed = open311RequestToCityEvent(
      validateOpen311Request({ service_code: '060201', lat: '20.02', long: '110.29' }),
      'ZS311-Y',
      receivedAt,
      '海口市秀英区秀英街道',
    );
    expect(placed.data.address).toBe('海口市秀英区秀英街道（经纬度 20.020000,110.290000）');
    const long = open311RequestToCityEvent(
      validateOpen311Request({
        service_code: '060201',
        address_string: '长滨路',
        description: '停'.repeat(4000),
        media_url: 'https://a.cn/x.jpg',
      }),
      'ZS311-Z',
      receivedAt,
    );
    expect(long.data.content.length).toBeLessThanOrEqual(4000);
    expect(cityEvent.safeParse(long).success).toBe(true);
    expect(splitOpen311Content(long.data.content).media_url).toBe('https://a.cn/x.jpg');
  });
});
