import { afterAll, describe, expect, it } from 'vitest';
import type { CityEvent } from '@zhongshu/stream';
import { hotlineTicket, postEvents } from './support/events';
import { startZhongshu, type ZhongshuProcess } from './support/zhongshu-process';

describe('acknowledged events survive kill -9', () => {
  let zs: ZhongshuProcess | undefined;
  afterAll(async () => {
    await zs?.stop();
  });

  it('stores every acknowledged event exactly once after a crash and restart on the same DATA_DIR', async () => {
    zs = await startZhongshu();
    const { dataDir, port } = zs;
    const acknowledged: string[] = [];
    let sending = true;

    // Keep posting batches until the process dies under us; remember only what was acknowledged.
    const writers = Array.from({ length: 4 }, async () => {
      while (sending) {
        const batch = Array.from({ length: 50 }, () => hotlineTicket());
        try {
          const { status, body } = await postEvents(zs!.url, batch);
          if (status === 200) for (const item of body.items) if (item.status === 'stored') acknowledged.push(item.id!);
        } catch {
          return; // connection refused or reset: the process is gone
        }
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await zs.kill();
    sending = false;
    await Promise.all(writers);
    expect(acknowledged.length).toBeGreaterThan(100);

    zs = await startZhongshu({ dataDir, port });
    const overview = await fetch(`${zs.url}/api/v1/kpis/overview`).then(
      (r) => r.json() as Promise<{ totals: { hotline: number } }>,
    );
    // Every acknowledged id is there; the warehouse may hold a few more (written, but the reply was cut by the kill).
    const storedIds = new Set<string>();
    for (const id of await allIds(zs.url)) storedIds.add(id);
    expect(acknowledged.filter((id) => !storedIds.has(id))).toEqual([]);
    // Exactly once: the per-minute view counts every row the warehouse took, duplicates included.
    expect(overview.totals.hotline).toBe(storedIds.size);

    // The dedupe window was rebuilt from the warehouse: redelivery after the crash is stored once.
    const redelivered = acknowledged.slice(0, 50).map((id) => ({ ...hotlineTicket({ id }) }));
    const { body } = await postEvents(zs.url, redelivered);
    expect(body.items.every((item) => item.status === 'duplicate')).toBe(true);
  });
});

/** Reads ids back in overlapping pages by time so the check is not capped by the list limit. */
async function allIds(url: string): Promise<Set<string>> {
  const ids = new Set<string>();
  let to = new Date(Date.now() + 60_000);
  for (;;) {
    const query = new URLSearchParams({ source: 'hotline', limit: '1000', to: to.toISOString() });
    const page = await fetch(`${url}/api/v1/events?${query}`).then((r) => r.json() as Promise<CityEvent[]>);
    const before = ids.size;
    for (const event of page) ids.add(event.id);
    if (page.length < 1000 || ids.size === before) return ids;
    // Inclusive of the oldest millisecond seen: events sharing it are read again, not skipped.
    to = new Date(Date.parse(page[page.length - 1].time) + 1);
  }
}
