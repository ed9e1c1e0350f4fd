import type { LiveAlert, LiveChannel, LiveDataByChannel } from '@zhongshu/stream';
import { describe, expect, it } from 'vitest';
import { AlertBoard } from './alert-board';

const alert = (id: string): LiveAlert => ({
  id,
  level: 'critical',
  kind: 'event',
  titleZh: `告警 ${id}`,
  titleEn: `Alert ${id}`,
  at: '2026-11-21T08:00:00.000Z',
});

function board() {
  const published: Array<{ channel: LiveChannel; data: unknown }> = [];
  const publisher = {
    publish: <C extends LiveChannel>(channel: C, data: LiveDataByChannel[C]) => published.push({ channel, data }),
  };
  return { board: new AlertBoard(publisher), published };
}

describe('AlertBoard', () => {
  it('publishes a new alert once and shows it first in the snapshot', () => {
    const { board: alerts, published } = board();
    alerts.raise([alert('a')]);
    alerts.raise([alert('b'), alert('a')]);
    expect(published).toEqual([
      { channel: 'alerts', data: { alerts: [alert('a')] } },
      { channel: 'alerts', data: { alerts: [alert('b')] } },
    ]);
    expect(alerts.snapshot().alerts.map((a) => a.id)).toEqual(['b', 'a']);
  });

  it('keeps only the 50 most recent alerts', () => {
    const { board: alerts } = board();
    alerts.raise(Array.from({ length: 60 }, (_, i) => alert(`x${i}`)));
    const ids = alerts.snapshot().alerts.map((a) => a.id);
    expect(ids).toHaveLength(50);
    expect(ids[0]).toBe('x59');
    expect(ids).not.toContain('x5');
  });
});
