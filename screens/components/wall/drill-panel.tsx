'use client';

import { useEffect, useMemo, useState } from 'react';
import type { DrillPage } from '../../lib/kpi-types';
import { useLocale, useT } from '../../lib/locale';
import { kindKey, LOCALE_TAGS, severityKey } from '../../lib/messages';
import { hexToRgba, KIND_COLORS, SEVERITY_COLORS } from '../../lib/palette';
import { wallGet } from '../../lib/wall-api';
import type { SourceKind, Severity } from '@zhongshu/stream/contracts';
import { useCityZone } from './city-zone';
import type { DrillRequest } from './drill-context';

const LIMIT = 50;
/** An unattended wall must not stay on a detail list: it closes itself. */
const AUTO_CLOSE_MS = 60_000;

type Load = { state: 'loading' } | { state: 'failed' } | { state: 'ready'; page: DrillPage };

/** What makes one number up, newest first: the events, cases, alarms or devices behind a KPI. */
export function DrillPanel({ request, onClose }: { request: DrillRequest; onClose: () => void }) {
  const t = useT();
  const locale = useLocale();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const timeZone = useCityZone();
  const timeFormat = useMemo(
    () =>
      new Intl.DateTimeFormat(LOCALE_TAGS[locale], {
        timeZone,
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      }),
    [locale, timeZone],
  );

  useEffect(() => {
    const abort = new AbortController();
    const query = new URLSearchParams({ limit: String(LIMIT) });
    if (request.key !== undefined) query.set('key', request.key);
    setLoad({ state: 'loading' });
    wallGet<DrillPage>(
      `/api/v1/kpis/${request.theme}/${encodeURIComponent(request.kpi)}/items?${query.toString()}`,
      abort.signal,
    ).then(
      (page) => setLoad({ state: 'ready', page }),
      () => {
        if (!abort.signal.aborted) setLoad({ state: 'failed' });
      },
    );
    const timer = setTimeout(onClose, AUTO_CLOSE_MS);
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      abort.abort();
      clearTimeout(timer);
      window.removeEventListener('keydown', onKey);
    };
  }, [request, onClose]);

  return (
    <div className="drill-scrim" onClick={onClose} data-testid="drill-scrim">
      <aside
        className="drill-panel"
        data-testid="drill-panel"
        data-kpi={request.kpi}
        data-state={load.state}
        onClick={(event) => event.stopPropagation()}
        role="dialog"
        aria-label={request.title}
      >
        <header className="drill-head">
          <h2>{request.title}</h2>
          {load.state === 'ready' ? (
            <span className="drill-count" data-testid="drill-total" data-value={load.page.total}>
              {t('drill.total', { n: load.page.total })}
              {load.page.total > load.page.items.length ? ` · ${t('drill.shown', { n: load.page.items.length })}` : ''}
            </span>
          ) : null}
          <button type="button" className="drill-close" onClick={onClose} data-testid="drill-close">
            {t('drill.close')}
          </button>
        </header>
        {load.state === 'loading' ? <p className="drill-note">{t('drill.loading')}</p> : null}
        {load.state === 'failed' ? <p className="drill-note bad">{t('drill.failed')}</p> : null}
        {load.state === 'ready' && load.page.items.length === 0 ? (
          <p className="drill-note">{t('drill.empty')}</p>
        ) : null}
        {load.state === 'ready' && load.page.items.length > 0 ? (
          <ol className="drill-list" data-testid="drill-items">
            {load.page.items.map((item) => {
              const color = KIND_COLORS[item.kind as SourceKind] ?? '#5f8fc0';
              const severity = item.severity as Severity | undefined;
              const time = Date.parse(item.time);
              return (
                <li
                  key={item.id}
                  className="drill-row"
                  style={{ ['--kind' as string]: color, ['--kind-soft' as string]: hexToRgba(color, 0.12) }}
                >
                  <span className="drill-time">{Number.isFinite(time) ? timeFormat.format(time) : ''}</span>
                  <span className="drill-kind">{item.kind ? t(kindKey(item.kind as SourceKind)) : ''}</span>
                  {severity && severity in SEVERITY_COLORS ? (
                    <span className="drill-sev" style={{ color: SEVERITY_COLORS[severity] }}>
                      {t(severityKey(severity))}
                    </span>
                  ) : (
                    <span className="drill-sev" />
                  )}
                  <span className="drill-title">
                    {item.title}
                    {item.state ? <em className="drill-state">{item.state}</em> : null}
                  </span>
                  <span className="drill-town">{item.townName ?? ''}</span>
                </li>
              );
            })}
          </ol>
        ) : null}
      </aside>
    </div>
  );
}
