'use client';

import type { LiveEvent, SourceKind } from '@zhongshu/stream/contracts';
import { useMemo } from 'react';
import { useLocale, useT } from '../../lib/locale';
import { kindKey, LOCALE_TAGS, severityKey } from '../../lib/messages';
import { hexToRgba, KIND_COLORS, SEVERITY_COLORS } from '../../lib/palette';
import { useLive } from '../../lib/use-live';
import { useCityZone } from './city-zone';
import { Panel } from './panel';

export const FEED_ROWS = 30;

/**
 * Routine device readings (telemetry at severity info) arrive several times a second and would push
 * every incident off the feed. They still count on the tiles and show on the map; the feed lists
 * what a person may have to act on, including any device telemetry that crossed a threshold.
 */
const TELEMETRY = 'cn.zhongshu.device.telemetry.v1';
const isRoutine = (event: LiveEvent) => event.type === TELEMETRY && event.severity === 'info';

function feedRows(events: readonly LiveEvent[], kinds: readonly SourceKind[] | null): LiveEvent[] {
  const rows: LiveEvent[] = [];
  for (const event of events) {
    if (isRoutine(event)) continue;
    if (kinds && !kinds.includes(event.kind)) continue;
    rows.push(event);
    if (rows.length === FEED_ROWS) break;
  }
  return rows;
}

/** The live feed; `kinds` keeps a centre's wall to its own sources (null: every source). */
export function LiveFeed({
  kinds = null,
  rows: rowCount = FEED_ROWS,
}: {
  kinds?: readonly SourceKind[] | null;
  rows?: number;
}) {
  const t = useT();
  const locale = useLocale();
  const events = useLive(['events'], (s) => s.events);
  const connection = useLive(['events'], (s) => s.connection);
  const rows = useMemo(() => feedRows(events, kinds).slice(0, rowCount), [events, kinds, rowCount]);
  const timeZone = useCityZone();
  const timeFormat = useMemo(
    () =>
      new Intl.DateTimeFormat(LOCALE_TAGS[locale], {
        timeZone,
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      }),
    [locale, timeZone],
  );

  return (
    <Panel
      title={t('feed.title')}
      className={`feed-panel${connection === 'offline' ? ' stale' : ''}`}
      testId="live-feed"
      extra={<span className="panel-count">{t('feed.count', { n: rowCount })}</span>}
    >
      {connection === 'offline' ? (
        <div className="feed-down" role="alert">
          {t('live.offline')}
        </div>
      ) : null}
      <ol className="feed-list">
        {rows.map((event) => {
          const color = KIND_COLORS[event.kind] ?? '#8aa';
          const time = Date.parse(event.time);
          return (
            <li
              key={event.id}
              className={`feed-row sev-${event.severity}`}
              data-kind={event.kind}
              title={`${t(kindKey(event.kind))} · ${event.summary}`}
              style={{ ['--kind' as string]: color, ['--kind-soft' as string]: hexToRgba(color, 0.14) }}
            >
              <span className="feed-time">{Number.isFinite(time) ? timeFormat.format(time) : '--:--:--'}</span>
              <span
                className="feed-sev"
                style={{
                  color: SEVERITY_COLORS[event.severity],
                  borderColor: hexToRgba(SEVERITY_COLORS[event.severity], 0.55),
                }}
              >
                {t(severityKey(event.severity))}
              </span>
              <span className="feed-summary">{event.summary}</span>
              <span className="feed-town">{event.townName ?? ''}</span>
            </li>
          );
        })}
      </ol>
      {rows.length === 0 ? <div className="feed-empty">{t('feed.empty')}</div> : null}
    </Panel>
  );
}
