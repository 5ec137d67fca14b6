import { formatNumber } from '../i18n/format';

interface Props {
  labels: string[];
  bars?: (number | null)[];
  line?: (number | null)[];
  width: number;
  height: number;
  testId?: string;
  /** Bars in the accent colour; the line is the comparison (previous period). */
  barColor?: string;
  lineColor?: string;
  format?: (v: number) => string;
}

/** A small SVG bar + line chart: vector in print, no canvas, no library. */
export function Chart({ labels, bars = [], line = [], width, height, testId, barColor = '#2563eb', lineColor = '#f59e0b', format = formatNumber }: Props) {
  const pad = { left: 44, right: 8, top: 10, bottom: 22 };
  const values = [...bars, ...line].filter((v): v is number => v !== null);
  const max = Math.max(1, ...values);
  const nice = niceMax(max);
  const w = width - pad.left - pad.right;
  const h = height - pad.top - pad.bottom;
  const n = Math.max(labels.length, 1);
  const step = w / n;
  const y = (v: number) => pad.top + h - (v / nice) * h;
  const every = Math.ceil(n / 12);
  const linePath = line
    .map((v, i) => (v === null ? null : `${pad.left + step * (i + 0.5)},${y(v)}`))
    .reduce((d, point, i) => (point === null ? d : `${d}${d === '' || line[i - 1] === null ? 'M' : 'L'}${point}`), '');
  return (
    <svg className="chart" viewBox={`0 0 ${width} ${height}`} width={width} height={height} data-testid={testId}>
      {[0, 0.5, 1].map((k) => (
        <g key={k}>
          <line x1={pad.left} x2={width - pad.right} y1={y(nice * k)} y2={y(nice * k)} stroke="#e3e7ee" />
          <text className="chart-axis" x={pad.left - 6} y={y(nice * k) + 4} textAnchor="end">{format(nice * k)}</text>
        </g>
      ))}
      {bars.map((v, i) =>
        v === null ? null : (
          <rect key={i} x={pad.left + step * i + step * 0.15} width={step * 0.7} y={y(v)} height={Math.max(0, pad.top + h - y(v))} fill={barColor} rx={1.5} />
        ),
      )}
      {linePath && <path d={linePath} fill="none" stroke={lineColor} strokeWidth={2.5} strokeLinejoin="round" />}
      {labels.map((label, i) =>
        i % every === 0 ? (
          <text key={i} className="chart-axis" x={pad.left + step * (i + 0.5)} y={height - 6} textAnchor="middle">{label}</text>
        ) : null,
      )}
    </svg>
  );
}

function niceMax(v: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (v <= m * magnitude) return m * magnitude;
  return 10 * magnitude;
}
