'use client';

import type { LiveAlert } from '@zhongshu/stream/contracts';
import { useEffect, useRef, useState } from 'react';
import { playAlertTone, type ToneOutcome } from '../../lib/alert-tone';
import { liveStore } from '../../lib/live-store';
import { useLocale, useT } from '../../lib/locale';
import { wallParams } from '../../lib/wall-params';

/** How long a banner stays: critical alerts long enough to be read from the back of the room. */
const SHOW_MS = { critical: 30_000, warning: 10_000 } as const;
/** The tone at most this often, however many alerts arrive. */
const TONE_EVERY_MS = 15_000;
const QUEUE = 20;

type Sound = ToneOutcome | 'muted' | 'none';

/**
 * Alerts raised while the wall watches (critical events, device faults, overdue orders) as a banner
 * across the top, critical ones with a tone. A snapshot after a reconnect shows nothing: those were
 * already announced. A newer critical alert replaces a warning on screen; the rest wait their turn.
 */
export function AlertBanner() {
  const t = useT();
  const locale = useLocale();
  const [queue, setQueue] = useState<LiveAlert[]>([]);
  const [sound, setSound] = useState<Sound>('none');
  const lastTone = useRef(0);

  useEffect(() => {
    const store = liveStore();
    const release = store.retain('alerts');
    const stop = store.listen((next, previous) => {
      if (next.alertArrivals.length === 0 || next.alertArrivals === previous.alertArrivals) return;
      const arrived = [...next.alertArrivals];
      setQueue((current) => {
        const critical = arrived.filter((alert) => alert.level === 'critical');
        const warnings = arrived.filter((alert) => alert.level !== 'critical');
        return [...critical, ...current, ...warnings].slice(0, QUEUE);
      });
      if (arrived.some((alert) => alert.level === 'critical')) {
        if (!wallParams().sound) {
          setSound('muted');
        } else if (Date.now() - lastTone.current >= TONE_EVERY_MS) {
          lastTone.current = Date.now();
          void playAlertTone().then(setSound);
        }
      }
    });
    return () => {
      stop();
      release();
    };
  }, []);

  const current = queue[0];
  useEffect(() => {
    if (!current) return;
    const timer = setTimeout(() => setQueue((items) => items.slice(1)), SHOW_MS[current.level]);
    return () => clearTimeout(timer);
  }, [current]);

  if (!current) return null;
  return (
    <div
      className={`alert-banner ${current.level}`}
      role="alert"
      data-testid="alert-banner"
      data-level={current.level}
      data-kind={current.kind}
      data-sound={sound}
      data-event-id={current.eventId ?? ''}
    >
      <span className="alert-badge">{t(current.level === 'critical' ? 'alert.critical' : 'alert.warning')}</span>
      <span className="alert-title">{locale === 'en' ? current.titleEn : current.titleZh}</span>
      {current.townName ? <span className="alert-town">{current.townName}</span> : null}
      {queue.length > 1 ? <span className="alert-more">{t('alert.more', { n: queue.length - 1 })}</span> : null}
      <button type="button" className="alert-close" onClick={() => setQueue((items) => items.slice(1))}>
        {t('alert.close')}
      </button>
    </div>
  );
}
