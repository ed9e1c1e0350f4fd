'use client';

import { THEME_KINDS } from '../../../lib/wall-themes';
import { BarsPanel, SeriesPanel, StatStrip, StatsPanel, TablePanel, type ThemeProps } from '../kpi-panels';
import { LiveFeed } from '../live-feed';
import { MapPanel } from '../map-panel';
import { ThemeLayout } from '../theme-layout';

/** 12345: 今日总量, 受理方式, 办件类型, 来源, 热点诉求 and places, 三率, handling by department, live feed. */
export function HotlineTheme(props: ThemeProps) {
  return (
    <ThemeLayout
      left={[
        <BarsPanel key="channels" {...props} id="channels" domain="channel" />,
        <BarsPanel key="ticketKinds" {...props} id="ticketKinds" domain="ticketKind" />,
        <StatsPanel
          key="rates"
          {...props}
          id="rates"
          ids={['responseRate', 'resolutionRate', 'satisfactionRate', 'onTimeRate']}
        />,
        <BarsPanel key="sources" {...props} id="sources" limit={4} />,
      ]}
      strip={<StatStrip {...props} ids={['total', 'dispatched', 'answered', 'answeredRate']} />}
      map={<MapPanel theme={props.theme} />}
      bottom={<SeriesPanel {...props} id="hourly" />}
      right={[
        <BarsPanel key="categories" {...props} id="categories" ranked limit={6} />,
        <BarsPanel key="places" {...props} id="places" ranked limit={5} />,
        <TablePanel key="departments" {...props} id="departments" domain="orderUnit" limit={5} />,
        <LiveFeed key="feed" kinds={THEME_KINDS.hotline} rows={10} />,
      ]}
    />
  );
}
