'use client';

import { useEffect, useState } from 'react';
import { cityClock } from '../../lib/city-time';
import { useT } from '../../lib/locale';
import { useLive } from '../../lib/use-live';

/**
 * When the live feed is down the wall says so, loudly, and says how old what it shows is: a wall that
 * silently freezes is worse than a black one. When the KPI queries fail (but the feed is up) a quieter
 * note says the numbers are from an earlier time.
 */
export function StaleOverlay({
  timeZone,
  kpiError,
  fetchedAt,
}: {
  timeZone: string;
  kpiError: boolean;
  fetchedAt: number | null;
}) {
  const t = useT();
  const connection = useLive(['events'], (s) => s.connection);
  const [downSince, setDownSince] = useState<number | null>(null);

  useEffect(() => {
    if (connection === 'online') setDownSince(null);
    else if (connection === 'offline') setDownSince((since) => since ?? Date.now());
  }, [connection]);

  if (downSince !== null) {
    return (
      <div className="stale-banner" role="alert" data-testid="feed-down">
        <b>{t('stale.title')}</b>
        <span>{t('stale.since', { time: cityClock(downSince, timeZone).time })}</span>
      </div>
    );
  }
  if (kpiError && fetchedAt === null) {
    // Never loaded: the server is unreachable, or (DEMO=0) the wall has no valid token in its URL.
    return (
      <div className="kpi-stale-note" data-testid="kpi-failed">
        {t('wall.loadFailed')}
      </div>
    );
  }
  if (kpiError && fetchedAt !== null) {
    return (
      <div className="kpi-stale-note" data-testid="kpi-stale">
        {t('kpi.updateFailed', { time: cityClock(fetchedAt, timeZone).time })}
      </div>
    );
  }
  return null;
}
