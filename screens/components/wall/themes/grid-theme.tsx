'use client';

import { THEME_KINDS } from '../../../lib/wall-themes';
import { BarsPanel, SeriesPanel, StatStrip, TablePanel, type ThemeProps } from '../kpi-panels';
import { LiveFeed } from '../live-feed';
import { MapPanel } from '../map-panel';
import { ThemeLayout } from '../theme-layout';

/** 社区网格: events in grids, the busiest grids, coverage, 网格底数, handling by department. */
export function GridTheme(props: ThemeProps) {
  return (
    <ThemeLayout
      left={[
        <BarsPanel key="grids" {...props} id="grids" ranked limit={8} />,
        <BarsPanel key="byKind" {...props} id="byKind" domain="kind" />,
      ]}
      strip={<StatStrip {...props} ids={['total', 'activeGrids', 'coverage']} />}
      map={<MapPanel theme={props.theme} />}
      bottom={<SeriesPanel {...props} id="hourly" />}
      right={[
        <TablePanel key="baseCounts" {...props} id="baseCounts" limit={8} />,
        <TablePanel key="departments" {...props} id="departments" domain="orderUnit" limit={5} />,
        <LiveFeed key="feed" kinds={THEME_KINDS.grid} rows={10} />,
      ]}
    />
  );
}
