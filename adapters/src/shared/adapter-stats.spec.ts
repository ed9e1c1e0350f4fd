import { describe, expect, it } from 'vitest';
import { AdapterCounters } from './adapter-stats';

describe('AdapterCounters', () => {
  it('counts results by status and reports the age of unanswered input', async () => {
    const counters = new AdapterCounters('mqtt');
    const first = counters.receive(3);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(counters.stats().lagMs).toBeGreaterThanOrEqual(15);
    counters.done(first, [
      { index: 0, status: 'stored' },
      { index: 1, status: 'duplicate' },
      { index: 2, status: 'rejected', reason: 'x' },
    ]);
    counters.reject();
    expect(counters.stats()).toEqual({
      adapter: 'mqtt',
      received: 3,
      accepted: 1,
      duplicates: 1,
      rejected: 2,
      lagMs: 0,
    });
  });
});
