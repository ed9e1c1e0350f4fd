'use client';

import type { SourceKind } from '@zhongshu/stream/contracts';
import { useEffect, useMemo, useRef } from 'react';
import type { Overview } from '../../lib/api';
import { trendSeries, type TrendSeries } from '../../lib/trend';
import type { EChartsType } from '../../lib/echarts';
import { useLocale, useT } from '../../lib/locale';
import { kindKey, LOCALE_TAGS } from '../../lib/messages';
import { hexToRgba, KIND_COLORS, KINDS, UI } from '../../lib/palette';
import { Panel } from './panel';
import { useCanvasScale } from './scaled-canvas';

const MINUTES = 60;
const DEVICE_AXIS_KIND = 'device';
const FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif';

export function TrendChart({ overview }: { overview: Overview | null }) {
  const t = useT();
  const locale = useLocale();
  const scale = useCanvasScale();
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const timeFormat = useMemo(
    () => new Intl.DateTimeFormat(LOCALE_TAGS[locale], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
    [locale],
  );
  const series = useMemo(() => trendSeries(overview, MINUTES), [overview]);
  const labels = useMemo(() => series.minutes.map((m) => timeFormat.format(m)), [series, timeFormat]);
  const names = useMemo(
    () => Object.fromEntries(KINDS.map((kind) => [kind, t(kindKey(kind))])) as Record<SourceKind, string>,
    [t],
  );
  const latest = useRef({ series, labels, names });
  latest.current = { series, labels, names };

  // (Re)create the chart when the canvas scale changes: the backing store must match real screen pixels.
  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | null = null;
    void import('../../lib/echarts').then(({ init, graphic }) => {
      if (disposed || !host.current) return;
      const instance = init(host.current, undefined, {
        renderer: 'canvas',
        devicePixelRatio: (window.devicePixelRatio || 1) * scale,
      });
      chart.current = instance;
      instance.setOption(baseOption(graphic));
      applyData(instance, latest.current.series, latest.current.labels, latest.current.names);
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
    if (chart.current) applyData(chart.current, series, labels, names);
  }, [series, labels, names]);

  return (
    <Panel
      title={t('trend.title')}
      className="trend-panel"
      testId="trend-chart"
      extra={<span className="panel-count">{t('trend.window')}</span>}
    >
      <div ref={host} className="trend-host" />
    </Panel>
  );
}

type Graphic = typeof import('../../lib/echarts').graphic;

function baseOption(graphic: Graphic) {
  return {
    animationDuration: 600,
    animationDurationUpdate: 400,
    textStyle: { fontFamily: FONT, color: UI.textDim },
    grid: { left: 44, right: 44, top: 36, bottom: 26 },
    legend: {
      top: 0,
      right: 8,
      itemWidth: 14,
      itemHeight: 6,
      itemGap: 18,
      icon: 'roundRect',
      textStyle: { color: UI.text, fontSize: 13, fontFamily: FONT },
    },
    tooltip: {
      trigger: 'axis',
      backgroundColor: 'rgba(6, 20, 44, 0.92)',
      borderColor: 'rgba(71, 215, 255, 0.45)',
      textStyle: { color: UI.text, fontFamily: FONT },
      axisPointer: { type: 'line', lineStyle: { color: 'rgba(71, 215, 255, 0.5)' } },
    },
    xAxis: {
      type: 'category',
      boundaryGap: false,
      axisLine: { lineStyle: { color: 'rgba(95, 150, 220, 0.35)' } },
      axisTick: { show: false },
      axisLabel: { color: UI.textDim, fontSize: 12, interval: 9 },
      data: [] as string[],
    },
    // Device telemetry runs at tens a minute, people-facing sources at a few: device gets its own axis
    // (right, in its colour) so the hotline line is not flattened against zero.
    yAxis: [
      {
        type: 'value',
        minInterval: 1,
        splitNumber: 4,
        axisLabel: { color: UI.textDim, fontSize: 12 },
        splitLine: { lineStyle: { color: 'rgba(95, 150, 220, 0.12)', type: 'dashed' } },
      },
      {
        type: 'value',
        minInterval: 1,
        splitNumber: 4,
        position: 'right',
        axisLabel: { color: KIND_COLORS.device, fontSize: 12 },
        splitLine: { show: false },
      },
    ],
    series: KINDS.map((kind) => ({
      id: kind,
      type: 'line',
      yAxisIndex: kind === DEVICE_AXIS_KIND ? 1 : 0,
      smooth: 0.35,
      showSymbol: false,
      symbol: 'circle',
      symbolSize: 6,
      lineStyle: { width: 2, color: KIND_COLORS[kind], shadowColor: hexToRgba(KIND_COLORS[kind], 0.6), shadowBlur: 6 },
      itemStyle: { color: KIND_COLORS[kind] },
      areaStyle: {
        color: new graphic.LinearGradient(0, 0, 0, 1, [
          { offset: 0, color: hexToRgba(KIND_COLORS[kind], kind === DEVICE_AXIS_KIND ? 0.12 : 0.28) },
          { offset: 1, color: hexToRgba(KIND_COLORS[kind], 0) },
        ]),
      },
      emphasis: { focus: 'series' },
      data: [] as number[],
    })),
  };
}

function applyData(chart: EChartsType, series: TrendSeries, labels: string[], names: Record<SourceKind, string>) {
  chart.setOption({
    xAxis: { data: labels },
    series: KINDS.map((kind) => ({ id: kind, name: names[kind], data: series.values[kind] })),
  });
}
