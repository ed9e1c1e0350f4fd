import { describe, expect, it } from 'vitest';
import { HOTLINE_CATEGORIES } from '../simulators/hotline.catalogue';
import { isValidOpen311ApiKey, open311ApiKeysSetting, parseOpen311ApiKeys } from './api-keys';
import { dominantKind, findOpen311Service, OPEN311_SERVICES, open311ServiceDefinition } from './open311-services';

describe('Open311 services from the ticket catalogue', () => {
  it('lists every leaf of the 3-level catalogue once, with 6-digit codes', () => {
    expect(OPEN311_SERVICES).toHaveLength(HOTLINE_CATEGORIES.length);
    expect(new Set(OPEN311_SERVICES.map((service) => service.service_code)).size).toBe(OPEN311_SERVICES.length);
    for (const service of OPEN311_SERVICES) {
      expect(service.service_code).toMatch(/^\d{6}$/);
      expect(service).toMatchObject({ metadata: false, type: 'realtime' });
      expect(service.keywords.split(',')).toContain(service.group);
    }
  });

  it('names a service by its leaf and groups it by its level-1 name', () => {
    expect(findOpen311Service('060201')).toEqual({
      service_code: '060201',
      service_name: '停电',
      description: '水电气/供电/停电',
      metadata: false,
      type: 'realtime',
      keywords: '停电,供电,水电气',
      group: '水电气',
    });
    expect(findOpen311Service('999999')).toBeUndefined();
    expect(open311ServiceDefinition('060201')).toEqual({ service_code: '060201', attributes: [] });
    expect(open311ServiceDefinition('999999')).toBeUndefined();
  });

  it('picks the most likely 诉求类型 of a category', () => {
    const byCode = (code: string) => HOTLINE_CATEGORIES.find((category) => category.code === code)!;
    expect(dominantKind(byCode('020101'))).toBe('complaint');
    expect(dominantKind(byCode('090101'))).toBe('consult');
  });
});

describe('Open311 API keys', () => {
  it('parses a comma-separated list, ignoring blanks and repeats', () => {
    expect(parseOpen311ApiKeys(' k1, k2 ,,k1')).toEqual(['k1', 'k2']);
    expect(parseOpen311ApiKeys('')).toEqual([]);
    expect(() => parseOpen311ApiKeys('k1,密钥')).toThrow(/key 2/);
    expect(open311ApiKeysSetting.safeParse('a b').success).toBe(false);
    expect(open311ApiKeysSetting.parse(undefined)).toEqual([]);
  });

  it('accepts only a configured key', () => {
    expect(isValidOpen311ApiKey('k2', ['k1', 'k2'])).toBe(true);
    expect(isValidOpen311ApiKey('k3', ['k1', 'k2'])).toBe(false);
    expect(isValidOpen311ApiKey('k', ['k1'])).toBe(false);
    expect(isValidOpen311ApiKey(undefined, ['k1'])).toBe(false);
    expect(isValidOpen311ApiKey('', [''])).toBe(false);
    expect(isValidOpen311ApiKey('k1', [])).toBe(false);
  });
});
