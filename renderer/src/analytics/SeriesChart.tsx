import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Series } from '@shared/api/analytics';
import { formatNumber } from '../i18n/format';

const PALETTE = ['#4f9dff', '#ff8a3d', '#41c98a', '#e5484d', '#b78cff', '#f5c542', '#3ccfcf', '#ff6fb5', '#9aa4b2'];

export interface SeriesChartProps {
  data: Series;
  /** Display name per series key ('*' is "other"). */
  labelOf?: (key: string) => string;
  height?: number;
  /** Dark background (the wall) or light (the operator's window). */
  dark?: boolean;
  testId?: string;
}

/** A time-series chart (uPlot: canvas, tiny, fast); resizes with its container. */
export function SeriesChart({ data, labelOf = (k) => k, height = 240, dark = false, testId = 'series-chart' }: SeriesChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  // Labels as a value, so a new labelOf function each render does not rebuild the chart.
  const labels = data.series.map((s) => labelOf(s.key)).join('\u0000');

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const ink = dark ? '#c9d1d9' : '#30363d';
    const grid = dark ? 'rgba(255,255,255,0.08)' : 'rgba(0,0,0,0.08)';
    const axis = { stroke: ink, grid: { stroke: grid }, ticks: { stroke: grid } };
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height,
      scales: { x: { time: true } },
      axes: [axis, { ...axis, values: (_u, ticks) => ticks.map((v) => formatNumber(v)) }],
      legend: { show: data.series.length > 1, live: false },
      series: [
        {},
        ...labels.split('\u0000').slice(0, data.series.length).map((label, i) => ({
          label,
          stroke: PALETTE[i % PALETTE.length],
          width: 2,
          points: { show: false },
        })),
      ],
    };
    const xs = data.t.map((t) => t / 1000);
    plot.current = new uPlot(opts, [xs, ...data.series.map((s) => s.values)], el);
    const resize = new ResizeObserver(() => plot.current?.setSize({ width: Math.max(200, el.clientWidth), height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
  }, [data, labels, height, dark]);

  return <div ref={box} data-testid={testId} data-points={data.t.length} style={{ width: '100%' }} />;
}
