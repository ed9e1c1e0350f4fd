import { hash } from 'node:crypto';
import { deviceType, type CityEventInput } from '@zhongshu/stream';
import type { z } from 'zod';

export type DeviceType = z.infer<typeof deviceType>;

/** Resolves the registry's device type for an id; undefined when the registry does not know it. */
export type DeviceTypeLookup = (deviceId: string) => DeviceType | undefined;

/**
 * What one MQTT message became:
 * - `events`: items for the sink; `notes` name what was deliberately left out (datasets,
 *   templates…), for logs. Events the decoders build are valid by construction (their specs parse
 *   every one); `passThrough` marks a body that came in as a CityEvent and still needs validating;
 * - `dead-letter`: input that never became an item, kept with its raw bytes and this reason;
 * - `ignored`: valid protocol traffic that carries no event (e.g. a stale Sparkplug NDEATH).
 */
export type DecodeResult =
  | { kind: 'events'; events: CityEventInput[]; notes: string[]; passThrough?: true }
  | { kind: 'dead-letter'; reason: string }
  | { kind: 'ignored'; reason: string };

export const deadLetter = (reason: string): DecodeResult => ({ kind: 'dead-letter', reason });

/** CityEvent ids are at most 128 characters; longer natural ids are replaced by their SHA-1. */
export function boundedId(prefix: string, natural: string): string {
  const id = `${prefix}:${natural}`;
  return id.length <= 128 ? id : `${prefix}:sha1:${sha1(natural)}`;
}

/** SHA-1 (hex) of `text`, or of `text`, a newline and `bytes` (a topic and its raw payload). */
export function sha1(text: string, bytes?: Buffer): string {
  return hash('sha1', bytes ? Buffer.concat([Buffer.from(`${text}\n`), bytes]) : text);
}

/**
 * Remembers a pure function's results for the topics a fleet keeps publishing on; forgets
 * everything past `max` entries so a flood of one-off topics cannot grow memory.
 */
export function memoize<T>(fn: (key: string) => T, max = 10_000): (key: string) => T {
  const cache = new Map<string, T>();
  return (key) => {
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const value = fn(key);
    if (cache.size >= max) cache.clear();
    cache.set(key, value);
    return value;
  };
}

/** 2000-01-01 .. 2100-01-01: a device clock outside that is broken, not a real reading time. */
export function isPlausibleEpochMs(ms: number | undefined): ms is number {
  return ms !== undefined && Number.isFinite(ms) && ms >= 946_684_800_000 && ms <= 4_102_444_800_000;
}

/** ISO-8601 for an epoch-ms timestamp the source sent, or undefined when it is not a plausible one. */
export function isoFromEpochMs(ms: number | undefined): string | undefined {
  return isPlausibleEpochMs(ms) ? new Date(ms).toISOString() : undefined;
}
