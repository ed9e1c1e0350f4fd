'use client';

import { useMemo } from 'react';
import type { Kpi } from '../../lib/kpi-types';
import { useLocale, useT } from '../../lib/locale';
import { LOCALE_TAGS } from '../../lib/messages';
import { itemColor } from '../../lib/palette';
import { itemLabel } from '../../lib/wall-labels';
import { AnimatedNumber } from './animated-number';
import { useOpenDrill } from './drill-context';
import { KpiUnavailable } from './kpi-unavailable';

interface BreakdownBarsProps {
  theme: string;
  kpi: Kpi | undefined;
  title: string;
  /** Where item labels come from in the catalogue: `enum.<domain>.<key>`, or `kind`/`severity`. */
  domain?: string;
  /** Ranked (热点): rank badges, largest first, at most `limit` rows. */
  ranked?: boolean;
  limit?: number;
}

/**
 * A breakdown as horizontal bars with the count and share: the one chart form a wall reads from across
 * the room. Shares are of the KPI's total, which the server computed. Clicking a bar drills into it.
 */
export function BreakdownBars({ theme, kpi, title, domain, ranked = false, limit = 8 }: BreakdownBarsProps) {
  const t = useT();
  const locale = useLocale();
  const openDrill = useOpenDrill();
  const format = useMemo(() => new Intl.NumberFormat(LOCALE_TAGS[locale]), [locale]);
  if (!kpi) return <div className="bars pending" />;
  if (kpi.status === 'unavailable') return <KpiUnavailable reason={kpi.reason} />;
  if (kpi.kind !== 'breakdown') return null;
  const items = kpi.items.slice(0, limit);
  const max = Math.max(1, ...items.map((item) => item.value));
  return (
    <ol className={`bars${ranked ? ' ranked' : ''}`} data-testid={`bars-${kpi.id}`} data-total={kpi.total}>
      {items.map((item, index) => {
        const color = itemColor(domain, item.key, index);
        const share = kpi.total > 0 ? item.value / kpi.total : 0;
        const label = itemLabel(t, domain, item);
        return (
          <li
            key={item.key}
            className={`bar-row${kpi.drill && item.value > 0 ? ' drillable' : ''}`}
            data-key={item.key}
            data-value={item.value}
            style={{ ['--bar' as string]: color }}
            onClick={
              kpi.drill && item.value > 0
                ? () => openDrill({ theme, kpi: kpi.id, key: item.key, title: `${title} · ${label}` })
                : undefined
            }
          >
            {ranked ? <span className={`bar-rank r${index + 1}`}>{index + 1}</span> : null}
            <span className="bar-label" title={label}>
              {label}
            </span>
            <span className="bar-track">
              <i style={{ width: `${(item.value / max) * 100}%` }} />
            </span>
            <b className="bar-value">
              <AnimatedNumber value={item.value}>{(n) => format.format(n)}</AnimatedNumber>
            </b>
            <span className="bar-share">{(share * 100).toFixed(1)}%</span>
          </li>
        );
      })}
      {items.length === 0 ? <li className="bar-empty">{t('drill.empty')}</li> : null}
    </ol>
  );
}
