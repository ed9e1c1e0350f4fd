import type { HotState } from '@zhongshu/stream';
import { MemoryHotState } from './memory.hot-state';
import { RedisHotState } from './redis.hot-state';

/**
 * The hot-state port for this process: in-process memory when no Redis URL is configured (one
 * process, nothing else installed), Redis otherwise. An empty string counts as "not configured" so
 * `REDIS_URL=` in an env file does not try to connect to nothing. Rejects at boot when the
 * configured Redis is unreachable rather than falling back to memory, which would split state
 * between nodes without anyone noticing.
 */
export async function createHotState(redisUrl?: string, keyPrefix?: string): Promise<HotState> {
  if (!redisUrl) return new MemoryHotState();
  return RedisHotState.connect(redisUrl, keyPrefix);
}
