import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { hotlinePartnerKeysSetting, parseHotlinePartnerKeys } from './partner-keys';

const KEY_A = '00112233445566778899aabbccddeeff';
const KEY_B = 'FFEEDDCCBBAA99887766554433221100ffeeddccbbaa99887766554433221100';

describe('parseHotlinePartnerKeys', () => {
  it('reads partnerA:hexkey,partnerB:hexkey into raw key bytes', () => {
    const keys = parseHotlinePartnerKeys(` haikou12345:${KEY_A} , sanya_12345 : ${KEY_B} ,`);
    expect([...keys.keys()]).toEqual(['haikou12345', 'sanya_12345']);
    expect(Buffer.from(keys.get('haikou12345')!).toString('hex')).toBe(KEY_A);
    expect(keys.get('sanya_12345')).toHaveLength(32);
  });

  it('reads an empty value as no partners', () => {
    expect(parseHotlinePartnerKeys('').size).toBe(0);
    expect(parseHotlinePartnerKeys(' , ').size).toBe(0);
  });

  it.each([
    [`p1${KEY_A}`, /partnerId:hexkey/],
    [`p1:${KEY_A}0`, /even number of hex digits/],
    ['p1:00112233', /at least 16 bytes/],
    [`p:1:${KEY_A}`, /hex/],
    [`bad id:${KEY_A}`, /partner id/],
    [`${'x'.repeat(33)}:${KEY_A}`, /partner id/],
    [`p1:${KEY_A},p1:${KEY_A}`, /listed twice/],
  ])('rejects %s', (value, message) => {
    expect(() => parseHotlinePartnerKeys(value)).toThrow(message);
  });

  it('never echoes a key in its errors', () => {
    const secret = 'abcdef0123456789abcdef01234567';
    for (const value of [`p1:${secret}`, secret, `${secret}0011`]) {
      expect(() => parseHotlinePartnerKeys(value)).toThrow(/^((?!abcdef0123).)*$/);
    }
  });

  it('works as a config setting: valid → a map, invalid → a config issue', () => {
    const schema = z.object({ HOTLINE_PARTNER_KEYS: hotlinePartnerKeysSetting });
    expect(schema.parse({}).HOTLINE_PARTNER_KEYS.size).toBe(0);
    expect(schema.parse({ HOTLINE_PARTNER_KEYS: `p1:${KEY_A}` }).HOTLINE_PARTNER_KEYS.has('p1')).toBe(true);
    const bad = schema.safeParse({ HOTLINE_PARTNER_KEYS: 'p1:00' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]).toMatchObject({
      path: ['HOTLINE_PARTNER_KEYS'],
      message: expect.stringMatching(/16 bytes/) as string,
    });
  });
});
