'use client';

import { SEVERITY_COLORS } from '../../../lib/palette';
import { THEME_KINDS } from '../../../lib/wall-themes';
import { BarsPanel, SeriesPanel, StatStrip, TablePanel, type ThemeProps } from '../kpi-panels';
import { LiveFeed } from '../live-feed';
import { MapPanel } from '../map-panel';
import { ThemeLayout } from '../theme-layout';

/** 社会治安 + 应急: alarms by type and severity, active incidents, places, resources, live alarms. */
export function SafetyTheme(props: ThemeProps) {
  return (
    <ThemeLayout
      left={[
        <BarsPanel key="alarmTypes" {...props} id="alarmTypes" domain="alarmType" />,
        <BarsPanel key="severities" {...props} id="severities" domain="severity" />,
        <BarsPanel key="activeByType" {...props} id="activeByType" domain="alarmType" />,
      ]}
      strip={
        <StatStrip
          {...props}
          ids={['total', 'critical', 'active', 'emergency']}
          colors={['#47d7ff', SEVERITY_COLORS.critical, SEVERITY_COLORS.major, SEVERITY_COLORS.critical]}
        />
      }
      map={<MapPanel theme={props.theme} />}
      bottom={<SeriesPanel {...props} id="hourly" domain="severity" stacked />}
      right={[
        <LiveFeed key="feed" kinds={THEME_KINDS.safety} rows={12} />,
        <BarsPanel key="places" {...props} id="places" ranked limit={5} />,
        <TablePanel key="resources" {...props} id="resources" />,
      ]}
    />
  );
}
