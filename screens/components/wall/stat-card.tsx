'use client';

import { useMemo } from 'react';
import type { Kpi } from '../../lib/kpi-types';
import { useLocale, useT } from '../../lib/locale';
import { LOCALE_TAGS, type MessageKey } from '../../lib/messages';
import { reasonText } from '../../lib/wall-labels';
import { AnimatedNumber } from './animated-number';
import { useOpenDrill } from './drill-context';

interface StatCardProps {
  theme: string;
  kpi: Kpi | undefined;
  label: string;
  /** Accent colour of the card's edge and glow. */
  color?: string;
  /** The drill request's theme and KPI id when they differ from the card's (home cards). */
  drillAs?: { theme: string; kpi: string };
  size?: 'lg' | 'md' | 'sm';
}

const UNIT_KEYS: Record<string, MessageKey> = {
  item: 'unit.item',
  device: 'unit.device',
  person: 'unit.person',
  perMinute: 'unit.perMinute',
  grid: 'unit.grid',
  source: 'unit.source',
};

/**
 * One number and its name. Counts and rates roll to their new value; a KPI without data shows "—"
 * and says why. Clicking a drillable card lists what makes the number up.
 */
export function StatCard({ theme, kpi, label, color = '#47d7ff', drillAs, size = 'md' }: StatCardProps) {
  const t = useT();
  const locale = useLocale();
  const openDrill = useOpenDrill();
  const format = useMemo(() => new Intl.NumberFormat(LOCALE_TAGS[locale]), [locale]);
  const drillable = kpi?.status === 'ok' && kpi.drill;
  const id = kpi?.id ?? 'pending';

  let body;
  if (!kpi) {
    body = <span className="stat-value pending">{t('value.none')}</span>;
  } else if (kpi.status === 'unavailable') {
    body = (
      <>
        <span className="stat-value none">{t('value.none')}</span>
        <span className="stat-reason" data-testid={`stat-reason-${kpi.id}`}>
          {reasonText(kpi.reason, locale)}
        </span>
      </>
    );
  } else if (kpi.kind === 'count' && kpi.unit === 'second') {
    // Waiting times read best in minutes with one decimal.
    body = (
      <span className="stat-value" data-value={kpi.value}>
        <AnimatedNumber value={Math.round(kpi.value / 6)}>{(n) => (n / 10).toFixed(1)}</AnimatedNumber>
        <small>{t('unit.minute')}</small>
      </span>
    );
  } else if (kpi.kind === 'count') {
    const unit = UNIT_KEYS[kpi.unit];
    body = (
      <span className="stat-value" data-value={kpi.value}>
        <AnimatedNumber value={kpi.value}>{(n) => format.format(n)}</AnimatedNumber>
        {unit && t(unit) ? <small>{t(unit)}</small> : null}
      </span>
    );
  } else if (kpi.kind === 'rate') {
    body =
      kpi.value === null ? (
        <>
          <span className="stat-value none" data-value="">
            {t('value.none')}
          </span>
          <span className="stat-reason">{t('value.noSample')}</span>
        </>
      ) : (
        <span className="stat-value" data-value={kpi.value}>
          <AnimatedNumber value={Math.round(kpi.value * 1000)}>{(n) => (n / 10).toFixed(1)}</AnimatedNumber>
          <small>%</small>
        </span>
      );
  } else {
    body = <span className="stat-value none">{t('value.none')}</span>;
  }

  return (
    <div
      className={`stat-card ${size}${drillable ? ' drillable' : ''}${kpi?.status === 'unavailable' ? ' unavailable' : ''}`}
      style={{ ['--accent' as string]: color }}
      data-testid={`stat-${id}`}
      data-status={kpi?.status ?? 'pending'}
      title={drillable ? t('kpi.tapToDrill') : undefined}
      onClick={
        drillable
          ? () => openDrill({ theme: drillAs?.theme ?? theme, kpi: drillAs?.kpi ?? kpi.id, title: label })
          : undefined
      }
    >
      <span className="stat-label">{label}</span>
      {body}
    </div>
  );
}
