'use client';

import { UI } from '../../../lib/palette';
import { BarsPanel, SeriesPanel, StatStrip, StatsPanel, TablePanel, type ThemeProps } from '../kpi-panels';
import { MapPanel } from '../map-panel';
import { ThemeLayout } from '../theme-layout';

/** 信息中心: devices by status, type and place, alarms, data sources, interfaces, host and servers. */
export function DevicesTheme(props: ThemeProps) {
  return (
    <ThemeLayout
      left={[
        <BarsPanel key="status" {...props} id="status" domain="deviceStatus" />,
        <TablePanel key="byType" {...props} id="byType" domain="deviceType" limit={9} />,
        <TablePanel key="byTown" {...props} id="byTown" limit={8} />,
      ]}
      strip={
        <StatStrip
          {...props}
          ids={['onlineRate', 'alarms', 'sources', 'throughput']}
          colors={[UI.ok, UI.bad, '#47d7ff', '#a07cff']}
        />
      }
      map={<MapPanel theme={props.theme} />}
      bottom={<SeriesPanel {...props} id="perMinute" step="minute" />}
      right={[
        <StatsPanel key="host" {...props} id="hostLoad" ids={['hostLoad', 'hostMemory']} />,
        <TablePanel key="sourceStatus" {...props} id="sourceStatus" limit={6} />,
        <TablePanel key="interfaces" {...props} id="interfaces" limit={6} flags={['connected']} />,
        <TablePanel key="servers" {...props} id="servers" limit={5} />,
      ]}
    />
  );
}
