'use client';

import { findKpi, type ThemeKpis } from '../../lib/kpi-types';
import { useT } from '../../lib/locale';
import { kpiLabel } from '../../lib/wall-labels';
import type { WallTheme } from '../../lib/wall-themes';
import { BreakdownBars } from './breakdown-bars';
import { KpiTable } from './kpi-table';
import { Panel } from './panel';
import { SeriesChart } from './series-chart';
import { StatCard } from './stat-card';

/** What every panel of a theme needs: which theme, its KPIs, and the city's time zone. */
export interface ThemeProps {
  theme: WallTheme;
  data: ThemeKpis | null;
  timeZone: string;
}

interface KpiPanelProps extends ThemeProps {
  id: string;
  domain?: string;
  className?: string;
}

export function BarsPanel({
  theme,
  data,
  id,
  domain,
  className,
  ranked,
  limit,
}: KpiPanelProps & { ranked?: boolean; limit?: number }) {
  const t = useT();
  const title = kpiLabel(t, theme, id);
  return (
    <Panel title={title} className={`kpi-box ${className ?? ''}`} testId={`panel-${id}`}>
      <BreakdownBars
        theme={theme}
        kpi={findKpi(data, id)}
        title={title}
        domain={domain}
        ranked={ranked}
        limit={limit}
      />
    </Panel>
  );
}

export function TablePanel({
  theme,
  data,
  id,
  domain,
  className,
  limit,
  flags,
}: KpiPanelProps & { limit?: number; flags?: readonly string[] }) {
  const t = useT();
  const title = kpiLabel(t, theme, id);
  return (
    <Panel title={title} className={`kpi-box ${className ?? ''}`} testId={`panel-${id}`}>
      <KpiTable theme={theme} kpi={findKpi(data, id)} title={title} domain={domain} limit={limit} flags={flags} />
    </Panel>
  );
}

export function SeriesPanel({
  theme,
  data,
  id,
  domain = 'series',
  className,
  timeZone,
  step,
  stacked,
}: KpiPanelProps & { step?: 'hour' | 'minute'; stacked?: boolean }) {
  const t = useT();
  return (
    <Panel title={kpiLabel(t, theme, id)} className={`kpi-box series-panel ${className ?? ''}`} testId={`panel-${id}`}>
      <SeriesChart kpi={findKpi(data, id)} domain={domain} timeZone={timeZone} step={step} stacked={stacked} />
    </Panel>
  );
}

/** A row of headline numbers over the map. */
export function StatStrip({
  theme,
  data,
  ids,
  colors = [],
}: ThemeProps & { ids: readonly string[]; colors?: readonly string[] }) {
  const t = useT();
  return (
    <div className="stat-strip" data-testid="stat-strip" style={{ ['--cols' as string]: ids.length }}>
      {ids.map((id, index) => (
        <StatCard
          key={id}
          theme={theme}
          kpi={findKpi(data, id)}
          label={kpiLabel(t, theme, id)}
          color={colors[index]}
          size="lg"
        />
      ))}
    </div>
  );
}

/** KPIs that are single numbers stacked in one panel (三率, host health). */
export function StatsPanel({
  theme,
  data,
  id,
  ids,
  className,
}: ThemeProps & { id: string; ids: readonly string[]; className?: string }) {
  const t = useT();
  return (
    <Panel title={kpiLabel(t, theme, id)} className={`kpi-box ${className ?? ''}`} testId={`panel-${id}`}>
      <div className="stat-grid" style={{ ['--cols' as string]: ids.length === 4 ? 2 : Math.min(ids.length, 3) }}>
        {ids.map((kpiId) => (
          <StatCard key={kpiId} theme={theme} kpi={findKpi(data, kpiId)} label={kpiLabel(t, theme, kpiId)} size="sm" />
        ))}
      </div>
    </Panel>
  );
}
