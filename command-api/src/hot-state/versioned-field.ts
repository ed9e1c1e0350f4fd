import type { Versioned } from '@zhongshu/stream';
import { HotStateError } from './hot-state.errors';

/**
 * How a versioned field is stored, the same on both sides: `<version>:<value>` in an ordinary hash
 * field, so one HGET reads value and version together and a Lua script can compare without JSON.
 */
export function encodeVersioned(next: Versioned): string {
  return `${next.version}:${next.value}`;
}

const PREFIX = /^(\d{1,15}):/;

export function decodeVersioned(stored: string, key: string, field: string): Versioned {
  const match = PREFIX.exec(stored);
  if (!match) throw new HotStateError('REJECTED', `ERR ${key} ${field} is not a versioned field`);
  return { version: Number(match[1]), value: stored.slice(match[0].length) };
}
