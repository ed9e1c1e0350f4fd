'use client';

import { THEME_KINDS } from '../../../lib/wall-themes';
import { BarsPanel, SeriesPanel, StatStrip, StatsPanel, TablePanel, type ThemeProps } from '../kpi-panels';
import { LiveFeed } from '../live-feed';
import { MapPanel } from '../map-panel';
import { ThemeLayout } from '../theme-layout';

/** 一网通办 / 政务大厅: 受理/办结, 即办件, 超期, 好差评, windows, queue and wait, 网上可办率. */
export function ApprovalsTheme(props: ThemeProps) {
  return (
    <ThemeLayout
      left={[
        <BarsPanel key="ratings" {...props} id="ratings" domain="rating" />,
        <BarsPanel key="windows" {...props} id="windows" domain="window" />,
        <StatsPanel key="queue" {...props} id="queue" ids={['queue', 'waitTime', 'badReviews']} />,
      ]}
      strip={<StatStrip {...props} ids={['accepted', 'completed', 'immediate', 'overdue', 'satisfaction']} />}
      map={<MapPanel theme={props.theme} />}
      bottom={<SeriesPanel {...props} id="hourly" />}
      right={[
        <TablePanel key="onlineRate" {...props} id="onlineRate" limit={8} />,
        <LiveFeed key="feed" kinds={THEME_KINDS.approvals} rows={12} />,
      ]}
    />
  );
}
