import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A secret the operator may set (hex in the environment) or, when unset, one generated once and kept in
 * `$DATA_DIR/secrets/<name>` (mode 0600) so it survives restarts: tokens signed before a restart stay
 * valid and data encrypted at rest stays readable. Returns the raw bytes.
 */
export function loadOrCreateSecret(
  dataDir: string,
  name: string,
  bytes: number,
  configuredHex?: string,
): { key: Buffer; generated: boolean } {
  if (configuredHex) {
    const key = Buffer.from(configuredHex, 'hex');
    if (key.length !== bytes || key.toString('hex') !== configuredHex.toLowerCase()) {
      throw new Error(`secret ${name} must be ${bytes} bytes as ${bytes * 2} hex characters`);
    }
    return { key, generated: false };
  }
  const dir = join(dataDir, 'secrets');
  const file = join(dir, name);
  try {
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
    if (key.length === bytes) return { key, generated: false };
    throw new Error(`secret file ${file} does not hold ${bytes} bytes; remove it to generate a new one`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const key = randomBytes(bytes);
  writeFileSync(file, key.toString('hex'), { mode: 0o600, flag: 'wx' });
  return { key, generated: true };
}
