/**
 * Lua for the versioned-field operations: Redis runs a script atomically, so "compare the version,
 * then write" cannot interleave with another node's write. A field holds `<version>:<value>`
 * (versioned-field.ts); a field without that prefix is refused rather than read as version 0.
 */
const CURRENT_VERSION = `
local stored = redis.call('HGET', KEYS[1], ARGV[1])
local current = 0
if stored then
  local digits = string.match(stored, '^(%d+):')
  if not digits then return redis.error_reply('ERR ' .. KEYS[1] .. ' ' .. ARGV[1] .. ' is not a versioned field') end
  current = tonumber(digits)
end
`;

export const VERSIONED_SCRIPTS = {
  /** ARGV: field, expected version, encoded value. Returns -1 when written, else the current version. */
  zsCompareAndSet: `${CURRENT_VERSION}
if current ~= tonumber(ARGV[2]) then return current end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
return -1`,
  /** ARGV: field, new version, encoded value. Returns 1 when written. */
  zsSetIfNewer: `${CURRENT_VERSION}
if current >= tonumber(ARGV[2]) then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
return 1`,
  /** ARGV: field, expected version. Returns 1 when deleted. */
  zsDeleteVersioned: `${CURRENT_VERSION}
if stored and current == tonumber(ARGV[2]) then
  redis.call('HDEL', KEYS[1], ARGV[1])
  return 1
end
return 0`,
} as const;

/** The commands `defineCommand` adds to the client for these scripts. */
export interface VersionedCommands {
  zsCompareAndSet(key: string, field: string, expectedVersion: number, encoded: string): Promise<number>;
  zsSetIfNewer(key: string, field: string, version: number, encoded: string): Promise<number>;
  zsDeleteVersioned(key: string, field: string, expectedVersion: number): Promise<number>;
}
