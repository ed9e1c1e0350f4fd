'use client';

import { findKpi } from '../../../lib/kpi-types';
import { useT } from '../../../lib/locale';
import { KIND_COLORS, SEVERITY_COLORS, UI } from '../../../lib/palette';
import { kpiLabel } from '../../../lib/wall-labels';
import { THEME_PATHS, type WallTheme } from '../../../lib/wall-themes';
import { BarsPanel, SeriesPanel, StatStrip, type ThemeProps } from '../kpi-panels';
import { LiveFeed } from '../live-feed';
import { MapPanel } from '../map-panel';
import { Panel } from '../panel';
import { StatCard } from '../stat-card';
import { ThemeLayout } from '../theme-layout';

interface Centre {
  id: 'hotline' | 'urban' | 'safety' | 'emergency' | 'grid' | 'devices' | 'approvals';
  theme: WallTheme;
  kpis: readonly string[];
  color: string;
}

/** The six centres and 一网通办, each with the numbers its own wall leads with. */
const CENTRES: readonly Centre[] = [
  { id: 'hotline', theme: 'hotline', kpis: ['hotline.total', 'hotline.dispatched'], color: KIND_COLORS.hotline },
  { id: 'urban', theme: 'urban', kpis: ['urban.total', 'urban.open'], color: KIND_COLORS.urban },
  { id: 'safety', theme: 'safety', kpis: ['safety.total', 'safety.active'], color: KIND_COLORS.safety },
  { id: 'emergency', theme: 'safety', kpis: ['emergency.active'], color: SEVERITY_COLORS.critical },
  { id: 'grid', theme: 'grid', kpis: ['grid.total', 'grid.coverage'], color: '#5fd3c6' },
  { id: 'devices', theme: 'devices', kpis: ['devices.onlineRate', 'devices.alarms'], color: KIND_COLORS.device },
  {
    id: 'approvals',
    theme: 'approvals',
    kpis: ['approvals.accepted', 'approvals.satisfaction'],
    color: KIND_COLORS.approval,
  },
];

function CentreCards({ data }: ThemeProps) {
  const t = useT();
  return (
    <Panel title={t('centres.title')} className="kpi-box centres-panel" testId="panel-centres">
      <div className="centres">
        {CENTRES.map((centre) => (
          <section
            key={centre.id}
            className="centre-card"
            style={{ ['--accent' as string]: centre.color }}
            data-testid={`centre-${centre.id}`}
          >
            <a className="centre-name" href={THEME_PATHS[centre.theme]}>
              {t(`centre.${centre.id}`)}
            </a>
            <div className="centre-stats">
              {centre.kpis.map((id) => (
                <StatCard
                  key={id}
                  theme="home"
                  kpi={findKpi(data, id)}
                  label={kpiLabel(t, 'home', id)}
                  color={centre.color}
                  size="sm"
                />
              ))}
            </div>
          </section>
        ))}
      </div>
    </Panel>
  );
}

/** 首页: the whole district today, the six centres and 一网通办 at a glance. */
export function HomeTheme(props: ThemeProps) {
  return (
    <ThemeLayout
      left={[
        <BarsPanel key="byKind" {...props} id="byKind" domain="kind" />,
        <BarsPanel key="towns" {...props} id="towns" ranked limit={8} />,
      ]}
      strip={
        <StatStrip
          {...props}
          ids={['total', 'safety.active', 'emergency.active', 'devices.onlineRate']}
          colors={[UI.accent, KIND_COLORS.safety, SEVERITY_COLORS.critical, UI.ok]}
        />
      }
      map={<MapPanel theme={props.theme} />}
      bottom={<SeriesPanel {...props} id="hourly" domain="kind" />}
      right={[<CentreCards key="centres" {...props} />, <LiveFeed key="feed" rows={10} />]}
    />
  );
}
