'use client';

import type { SourceKind } from '@zhongshu/stream/contracts';
import { useMemo } from 'react';
import type { Overview } from '../../lib/api';
import { trendSeries } from '../../lib/trend';
import { useLocale, useT } from '../../lib/locale';
import { kindKey, LOCALE_TAGS } from '../../lib/messages';
import { KIND_COLORS, KINDS, hexToRgba } from '../../lib/palette';
import { useLive } from '../../lib/use-live';
import { AnimatedNumber } from './animated-number';
import { Panel } from './panel';

type Totals = Partial<Record<SourceKind, number>>;

/** Live totals win over the REST overview, unless the overview is already on a later day. */
function pickTotals(overview: Overview | null, live: { day: string; totals: Totals } | null): Totals {
  if (live && (!overview || live.day >= overview.day)) return live.totals;
  return overview?.totals ?? {};
}

export function KpiPanel({ overview }: { overview: Overview | null }) {
  const t = useT();
  const locale = useLocale();
  const live = useLive(['kpis'], (s) => s.kpis);
  const totals = pickTotals(overview, live);
  const grand = KINDS.reduce((sum, kind) => sum + (totals[kind] ?? 0), 0);
  const format = useMemo(() => {
    const nf = new Intl.NumberFormat(LOCALE_TAGS[locale]);
    return (n: number) => nf.format(n);
  }, [locale]);

  const trend = useMemo(() => trendSeries(overview, 60), [overview]);

  return (
    <Panel title={t('kpi.title')} className="kpi-panel" testId="kpi-panel">
      <div className="kpi-grand" data-testid="kpi-total">
        <div className="kpi-grand-label">{t('kpi.total')}</div>
        <div className="kpi-grand-digits" data-value={grand}>
          <AnimatedNumber value={grand}>{(n) => <Digits value={n} unit={t('kpi.unit')} />}</AnimatedNumber>
        </div>
      </div>
      <div className="kpi-grid">
        {KINDS.map((kind) => {
          const value = totals[kind] ?? 0;
          const share = grand > 0 ? value / grand : 0;
          const color = KIND_COLORS[kind];
          return (
            <div
              key={kind}
              className="kpi-tile"
              data-testid={`kpi-${kind}`}
              style={{ ['--kind' as string]: color, ['--kind-soft' as string]: hexToRgba(color, 0.16) }}
            >
              <i key={value} className="kpi-tile-flash" aria-hidden />
              <div className="kpi-tile-label">
                <span className="kind-dot" />
                {t(kindKey(kind))}
              </div>
              <div className="kpi-tile-value" data-testid={`kpi-${kind}-value`} data-value={value}>
                <AnimatedNumber value={value}>{format}</AnimatedNumber>
              </div>
              <Sparkline values={trend.values[kind]} />
              <div className="kpi-tile-foot">
                <span>
                  {t('kpi.lastHour')} <b>{format(trend.values[kind].reduce((a, b) => a + b, 0))}</b>
                </span>
                <span>
                  {t('kpi.share')} <b>{(share * 100).toFixed(1)}%</b>
                </span>
              </div>
              <div className="kpi-tile-bar">
                <span style={{ width: `${Math.max(share * 100, value > 0 ? 2 : 0)}%` }} />
              </div>
            </div>
          );
        })}
      </div>
    </Panel>
  );
}

/** DataV-style digit cells; leading zeros stay dim so the magnitude reads at a glance. */
function Digits({ value, unit }: { value: number; unit: string }) {
  const text = String(value);
  const padded = text.padStart(7, '0');
  const lead = padded.length - text.length;
  return (
    <>
      {padded.split('').map((digit, i) => (
        <span key={i} className={`digit${i < lead ? ' lead' : ''}`}>
          {digit}
        </span>
      ))}
      {unit ? <span className="kpi-grand-unit">{unit}</span> : null}
    </>
  );
}

const SPARK_W = 150;
const SPARK_H = 44;

/** The last hour per minute as a vector polyline: crisp at any wall scale, no chart library. */
function Sparkline({ values }: { values: number[] }) {
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? SPARK_W / (values.length - 1) : SPARK_W;
  const points = values.map(
    (v, i) => `${(i * step).toFixed(1)},${(SPARK_H - 2 - (v / max) * (SPARK_H - 6)).toFixed(1)}`,
  );
  const line = points.join(' ');
  return (
    <svg className="kpi-spark" viewBox={`0 0 ${SPARK_W} ${SPARK_H}`} preserveAspectRatio="none" aria-hidden>
      <polygon points={`0,${SPARK_H} ${line} ${SPARK_W},${SPARK_H}`} className="kpi-spark-area" />
      <polyline points={line} className="kpi-spark-line" vectorEffect="non-scaling-stroke" />
    </svg>
  );
}
