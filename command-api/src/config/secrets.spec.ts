import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOrCreateSecret } from './secrets';

const dataDir = () => mkdtempSync(join(tmpdir(), 'zs-secrets-'));

describe('loadOrCreateSecret', () => {
  it('generates a secret once and returns the same bytes after a restart', () => {
    const dir = dataDir();
    const first = loadOrCreateSecret(dir, 'jwt', 32);
    const again = loadOrCreateSecret(dir, 'jwt', 32);
    expect(first.generated).toBe(true);
    expect(again.generated).toBe(false);
    expect(again.key.equals(first.key)).toBe(true);
    expect(statSync(join(dir, 'secrets', 'jwt')).mode & 0o777).toBe(0o600);
  });

  it('uses the configured hex value and rejects one of the wrong length', () => {
    const hex = 'ab'.repeat(16);
    expect(loadOrCreateSecret(dataDir(), 'sm4', 16, hex).key.toString('hex')).toBe(hex);
    expect(() => loadOrCreateSecret(dataDir(), 'sm4', 16, 'abcd')).toThrow(/16 bytes/);
  });
});
