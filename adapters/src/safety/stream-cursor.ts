import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Where a stream client keeps its resume point across restarts. */
export interface StreamCursor {
  load: () => Promise<string | undefined>;
  save: (id: string) => Promise<void>;
}

/**
 * A resume point in a small JSON file (`{ "lastId": "…" }`), replaced atomically (write, then rename).
 * It is written after the alarms are durable, so a crash in between only replays a batch, which the
 * deterministic ids deduplicate.
 */
export function fileCursor(path: string): StreamCursor {
  return {
    load: async () => {
      try {
        const parsed = JSON.parse(await readFile(path, 'utf8')) as { lastId?: unknown };
        return typeof parsed.lastId === 'string' && parsed.lastId.length > 0 ? parsed.lastId : undefined;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    save: async (id) => {
      await mkdir(dirname(path), { recursive: true });
      const temporary = `${path}.${process.pid}.tmp`;
      await writeFile(temporary, `${JSON.stringify({ lastId: id, savedAt: new Date().toISOString() })}\n`);
      await rename(temporary, path);
    },
  };
}
