'use client';

import { useEffect, useState } from 'react';
import { useLocale, useT } from '../../lib/locale';
import { LOCALE_TAGS } from '../../lib/messages';
import { useLive } from '../../lib/use-live';

/** Freshness thresholds for the newest event's age: beyond them the indicator turns amber, then red. */
const STALE_AMBER_MS = 60_000;
const STALE_RED_MS = 300_000;

function useNow(intervalMs: number): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

export function WallHeader() {
  const t = useT();
  const locale = useLocale();
  const now = useNow(1000);
  const connection = useLive(['events'], (s) => s.connection);
  const newest = useLive(['events'], (s) => s.newestEventAt);

  const tag = LOCALE_TAGS[locale];
  const date =
    now === null ? '' : new Intl.DateTimeFormat(tag, { year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  const weekday = now === null ? '' : new Intl.DateTimeFormat(tag, { weekday: 'long' }).format(now);
  const time =
    now === null
      ? '--:--:--'
      : new Intl.DateTimeFormat(tag, {
          hour: '2-digit',
          minute: '2-digit',
          second: '2-digit',
          hourCycle: 'h23',
        }).format(now);

  let freshness: 'none' | 'ok' | 'amber' | 'red' = 'none';
  let age = t('freshness.none');
  if (newest !== null && now !== null) {
    const ms = Math.max(0, now - newest);
    freshness = ms < STALE_AMBER_MS ? 'ok' : ms < STALE_RED_MS ? 'amber' : 'red';
    const s = Math.floor(ms / 1000);
    age =
      s < 3
        ? t('freshness.justNow')
        : s < 60
          ? t('freshness.seconds', { n: s })
          : s < 3600
            ? t('freshness.minutes', { n: Math.floor(s / 60) })
            : t('freshness.hours', { n: Math.floor(s / 3600) });
  }

  return (
    <header className="wall-header">
      <div className="wall-header-side left">
        <div className="clock" data-testid="wall-clock">
          <span className="clock-time">{time}</span>
          <span className="clock-date">
            <span>{date}</span>
            <span>{weekday}</span>
          </span>
        </div>
      </div>
      <div className="wall-title-plate">
        <h1 className="wall-title">{t('wall.title')}</h1>
        <div className="wall-subtitle">{t('wall.subtitle')}</div>
      </div>
      <div className="wall-header-side right">
        <div className={`freshness ${freshness}`} data-testid="freshness" data-state={freshness}>
          <span className="freshness-dot" />
          <span className="freshness-label">{t('freshness.label')}</span>
          <span className="freshness-age">{age}</span>
        </div>
        <div className={`connection ${connection}`} data-testid="connection" data-state={connection} role="status">
          <span className="connection-dot" />
          {t(connection === 'online' ? 'live.online' : connection === 'offline' ? 'live.offline' : 'live.connecting')}
        </div>
      </div>
    </header>
  );
}
