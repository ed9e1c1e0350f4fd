'use client';

import { useEffect, useMemo, useRef } from 'react';
import { cityClock } from '../../lib/city-time';
import type { EChartsType } from '../../lib/echarts';
import type { Kpi, SeriesKpi } from '../../lib/kpi-types';
import { useT } from '../../lib/locale';
import { hexToRgba, itemColor, UI } from '../../lib/palette';
import { itemLabel } from '../../lib/wall-labels';
import { KpiUnavailable } from './kpi-unavailable';
import { useCanvasScale } from './scaled-canvas';

const FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';

interface SeriesChartProps {
  kpi: Kpi | undefined;
  /** Catalogue domain of the series keys (`series`, `kind`, `severity`). */
  domain: string;
  timeZone: string;
  /** Axis labels: hours (HH:00) or minutes (HH:MM). */
  step?: 'hour' | 'minute';
  /** Stack the lines as areas (parts of one whole), or draw them side by side. */
  stacked?: boolean;
}

/**
 * A time series on canvas at the wall's real pixel density (re-created when the scale changes, never
 * blown up). Data updates merge into the same chart: no flicker, no re-layout.
 */
export function SeriesChart({ kpi, domain, timeZone, step = 'hour', stacked = false }: SeriesChartProps) {
  const t = useT();
  const scale = useCanvasScale();
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const series = kpi?.status === 'ok' && kpi.kind === 'series' ? kpi : null;
  const option = useMemo(
    () => (series ? dataOption(series, domain, timeZone, step, stacked, t) : null),
    [series, domain, timeZone, step, stacked, t],
  );
  const latest = useRef(option);
  latest.current = option;

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | null = null;
    void import('../../lib/echarts').then(({ init }) => {
      if (disposed || !host.current) return;
      const instance = init(host.current, undefined, {
        renderer: 'canvas',
        devicePixelRatio: (window.devicePixelRatio || 1) * scale,
      });
      chart.current = instance;
      instance.setOption(baseOption());
      if (latest.current) instance.setOption(latest.current);
      observer = new ResizeObserver(() => instance.resize());
      observer.observe(host.current);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, [scale]);

  useEffect(() => {
    if (chart.current && option) chart.current.setOption(option);
  }, [option]);

  if (kpi?.status === 'unavailable') return <KpiUnavailable reason={kpi.reason} />;
  return <div ref={host} className="series-host" data-testid={kpi ? `series-${kpi.id}` : undefined} />;
}

function baseOption() {
  return {
    animationDuration: 500,
    animationDurationUpdate: 400,
    textStyle: { fontFamily: FONT, color: UI.textDim },
    grid: { left: 44, right: 16, top: 34, bottom: 24 },
    legend: {
      top: 0,
      right: 8,
      itemWidth: 14,
      itemHeight: 6,
      itemGap: 16,
      icon: 'roundRect',
      textStyle: { color: UI.text, fontSize: 13, fontFamily: FONT },
    },
    tooltip: { show: false },
    xAxis: {
      type: 'category',
      boundaryGap: false,
      axisLine: { lineStyle: { color: 'rgba(95, 150, 220, 0.35)' } },
      axisTick: { show: false },
      axisLabel: { color: UI.textDim, fontSize: 12 },
      data: [] as string[],
    },
    yAxis: {
      type: 'value',
      minInterval: 1,
      splitNumber: 3,
      axisLabel: { color: UI.textDim, fontSize: 12 },
      splitLine: { lineStyle: { color: 'rgba(95, 150, 220, 0.12)', type: 'dashed' } },
    },
    series: [] as unknown[],
  };
}

function dataOption(
  kpi: SeriesKpi,
  domain: string,
  timeZone: string,
  step: 'hour' | 'minute',
  stacked: boolean,
  t: Parameters<typeof itemLabel>[0],
) {
  const labels = kpi.buckets.map((bucket) => cityClock(Date.parse(bucket), timeZone).time.slice(0, 5));
  return {
    xAxis: { data: labels, axisLabel: { interval: step === 'hour' ? 2 : 9 } },
    series: kpi.series.map((line, index) => {
      const color = itemColor(domain, line.key, index);
      return {
        id: line.key,
        name: itemLabel(t, domain, line),
        type: 'line',
        stack: stacked ? 'all' : undefined,
        smooth: 0.3,
        showSymbol: false,
        lineStyle: { width: 2, color, shadowColor: hexToRgba(color, 0.5), shadowBlur: 6 },
        itemStyle: { color },
        areaStyle: { color: hexToRgba(color, stacked ? 0.35 : 0.12) },
        data: line.values,
      };
    }),
  };
}
