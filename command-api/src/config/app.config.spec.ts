import { describe, expect, it } from 'vitest';
import { loadConfig } from './app.config';

describe('loadConfig', () => {
  it('runs on embedded defaults with nothing set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, DATA_DIR: './data', SIMULATE: true, CITY: 'haikou-xiuying' });
    expect(config.REDIS_URL).toBeUndefined();
  });

  it('reads flags and numbers from strings', () => {
    const config = loadConfig({ PORT: '3100', SIMULATE: '0', REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(config).toMatchObject({ PORT: 3100, SIMULATE: false, REDIS_URL: 'redis://127.0.0.1:6379' });
  });

  it('fails fast naming every bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', SIMULATE: 'maybe', SIMULATOR_SEED: '-1' })).toThrow(
      /PORT[\s\S]*SIMULATE[\s\S]*SIMULATOR_SEED/,
    );
  });
});
