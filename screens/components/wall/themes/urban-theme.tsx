'use client';

import { THEME_KINDS } from '../../../lib/wall-themes';
import { BarsPanel, SeriesPanel, StatStrip, TablePanel, type ThemeProps } from '../kpi-panels';
import { LiveFeed } from '../live-feed';
import { MapPanel } from '../map-panel';
import { ThemeLayout } from '../theme-layout';

/** 城市管理: cases today, 热点 classes and places, type, source, handling and overdue by department. */
export function UrbanTheme(props: ThemeProps) {
  return (
    <ThemeLayout
      left={[
        <BarsPanel key="classes" {...props} id="classes" ranked limit={6} />,
        <BarsPanel key="classTypes" {...props} id="classTypes" domain="classType" />,
        <BarsPanel key="reporters" {...props} id="reporters" domain="reporter" />,
        <BarsPanel key="places" {...props} id="places" ranked limit={5} />,
      ]}
      strip={<StatStrip {...props} ids={['total', 'open', 'closed']} />}
      map={<MapPanel theme={props.theme} />}
      bottom={<SeriesPanel {...props} id="hourly" />}
      right={[
        <TablePanel key="orderDepartments" {...props} id="orderDepartments" domain="orderUnit" limit={5} />,
        <TablePanel key="departments" {...props} id="departments" limit={5} />,
        <LiveFeed key="feed" kinds={THEME_KINDS.urban} rows={10} />,
      ]}
    />
  );
}
