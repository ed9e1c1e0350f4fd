import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** Valid `api_key` values for POST requests (GeoReport v2 requires one to create a request). */
export type Open311ApiKeys = readonly string[];

const API_KEY = /^[\x21-\x7e]{1,256}$/;

/**
 * Parses `OPEN311_API_KEYS`: comma-separated keys (spaces around them ignored; empty → none, so
 * nobody can file requests). A key is 1–256 printable ASCII characters without spaces or commas.
 * Throws naming the position of a bad key, never the key.
 */
export function parseOpen311ApiKeys(value: string): Open311ApiKeys {
  const keys = value
    .split(',')
    .map((key) => key.trim())
    .filter((key) => key.length > 0);
  keys.forEach((key, index) => {
    if (!API_KEY.test(key)) throw new Error(`key ${index + 1}: 1-256 printable ASCII characters, no spaces`);
  });
  return [...new Set(keys)];
}

/** For the app config: `OPEN311_API_KEYS: open311ApiKeysSetting`. */
export const open311ApiKeysSetting = z
  .string()
  .default('')
  .transform((value, context): Open311ApiKeys => {
    try {
      return parseOpen311ApiKeys(value);
    } catch (error) {
      context.addIssue({ code: 'custom', message: (error as Error).message });
      return z.NEVER;
    }
  });

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** Constant-time in the key's content: every configured key is compared (as SHA-256 digests). */
export function isValidOpen311ApiKey(candidate: string | undefined, keys: Open311ApiKeys): boolean {
  if (!candidate) return false;
  const given = digest(candidate);
  let valid = false;
  for (const key of keys) valid = timingSafeEqual(given, digest(key)) || valid;
  return valid;
}
