import type { MonitorObservationView } from '@shared/api/monitors';
import { ChartDataTable } from '../../components/DataTable';
import { CHART_MARGIN, useChartWidth, xLabelStep } from '../../components/chart-axes';

const HEIGHT = 260;
const COLORS = {
  value: '#2f5d8a',
  expected: '#7a4fa0',
  band: 'rgba(122, 79, 160, 0.16)',
  anomaly: '#b42318',
  suppressed: '#5b6470',
};

/** A readable number: 0.3812 → 0.381, 1234.5 → 1,235. */
export function formatValue(value: number | null): string {
  if (value === null) return '—';
  const abs = Math.abs(value);
  if (abs >= 100) return Math.round(value).toLocaleString('en-US');
  if (abs >= 1) return value.toFixed(2).replace(/\.?0+$/, '');
  return value.toPrecision(3);
}

/** Round ticks across [low, high]. */
function ticksOf(low: number, high: number): number[] {
  const span = high - low || Math.abs(high) || 1;
  const raw = span / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((s) => s * magnitude).find((s) => s >= raw) ?? raw;
  const first = Math.floor(low / step) * step;
  const ticks: number[] = [];
  for (let t = first; t <= high + step / 2; t += step) ticks.push(Math.round(t / step) * step);
  return ticks;
}

/**
 * A monitor's newest run for one segment: the observed series, the expected value and its band,
 * anomalies in red, suppressed ones (a caveat's recurrence covers them) hollow; a table of the
 * same numbers behind it.
 */
export function MonitorChart({ title, points }: { title: string; points: MonitorObservationView[] }) {
  const { ref, width } = useChartWidth<HTMLElement>();
  const plotWidth = width - CHART_MARGIN.left - CHART_MARGIN.right;
  const plotHeight = HEIGHT - CHART_MARGIN.top - CHART_MARGIN.bottom;
  const values = points.flatMap((p) => [p.value, p.lower, p.upper].filter((v): v is number => v !== null));
  const ticks = ticksOf(Math.min(...values), Math.max(...values));
  const low = ticks[0];
  const high = ticks[ticks.length - 1] === low ? low + 1 : ticks[ticks.length - 1];
  const count = points.length;
  const x = (i: number) => CHART_MARGIN.left + (count > 1 ? (i / (count - 1)) * plotWidth : plotWidth / 2);
  const y = (v: number) => CHART_MARGIN.top + plotHeight - ((v - low) / (high - low)) * plotHeight;
  const bottom = CHART_MARGIN.top + plotHeight;
  const banded = points.map((p, i) => ({ p, i })).filter(({ p }) => p.lower !== null && p.upper !== null);
  const band =
    banded.length > 1
      ? [
          ...banded.map(({ p, i }) => `${x(i)},${y(p.upper!)}`),
          ...banded.reverse().map(({ p, i }) => `${x(i)},${y(p.lower!)}`),
        ].join(' ')
      : null;
  const expected = points
    .map((p, i) => (p.expected === null ? null : `${x(i)},${y(p.expected)}`))
    .filter((s): s is string => s !== null)
    .join(' ');
  const labelEvery = xLabelStep(count, width);
  return (
    <figure className="chart" ref={ref} data-testid="monitor-chart">
      <figcaption className="chart-title">{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${HEIGHT}`} className="chart-svg" role="img" aria-label={title}>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={CHART_MARGIN.left} x2={width - CHART_MARGIN.right} y1={y(t)} y2={y(t)} className="chart-grid" />
            <text x={CHART_MARGIN.left - 6} y={y(t) + 4} textAnchor="end" className="chart-tick">
              {formatValue(t)}
            </text>
          </g>
        ))}
        <line x1={CHART_MARGIN.left} x2={width - CHART_MARGIN.right} y1={bottom} y2={bottom} className="chart-axis" />
        {points.map((p, i) =>
          i % labelEvery === 0 ? (
            <text key={p.ts} x={x(i)} y={bottom + 16} textAnchor="middle" className="chart-tick">
              {p.ts.slice(0, 10)}
            </text>
          ) : null,
        )}
        {band ? <polygon points={band} fill={COLORS.band} data-series="band" /> : null}
        {expected ? (
          <polyline points={expected} fill="none" stroke={COLORS.expected} strokeWidth="1.5" strokeDasharray="5 3" />
        ) : null}
        <polyline
          points={points.map((p, i) => `${x(i)},${y(p.value)}`).join(' ')}
          fill="none"
          stroke={COLORS.value}
          strokeWidth="1.5"
          data-series="observed"
        />
        {points.map((p, i) =>
          p.anomaly ? (
            <circle
              key={p.ts}
              cx={x(i)}
              cy={y(p.value)}
              r="5"
              fill={p.suppressed ? 'white' : COLORS.anomaly}
              stroke={p.suppressed ? COLORS.suppressed : COLORS.anomaly}
              strokeWidth="2"
              data-testid={p.suppressed ? 'suppressed-point' : 'anomaly-point'}
            >
              <title>{`${p.ts.slice(0, 10)}: ${formatValue(p.value)}, expected ${formatValue(p.expected)} (${formatValue(p.lower)}–${formatValue(p.upper)})${p.suppressed ? ', suppressed by a caveat' : `, ${p.severity ?? ''} anomaly`}`}</title>
            </circle>
          ) : null,
        )}
      </svg>
      <ul className="chart-legend" aria-label="Legend">
        <li>
          <svg width="24" height="10" aria-hidden="true">
            <line x1="0" x2="24" y1="5" y2="5" stroke={COLORS.value} strokeWidth="2" />
          </svg>
          Observed
        </li>
        <li>
          <svg width="24" height="10" aria-hidden="true">
            <rect width="24" height="10" fill={COLORS.band} />
            <line x1="0" x2="24" y1="5" y2="5" stroke={COLORS.expected} strokeWidth="1.5" strokeDasharray="5 3" />
          </svg>
          Expected, with its band
        </li>
        <li>
          <svg width="12" height="12" aria-hidden="true">
            <circle cx="6" cy="6" r="4" fill={COLORS.anomaly} />
          </svg>
          Anomaly
        </li>
        <li>
          <svg width="12" height="12" aria-hidden="true">
            <circle cx="6" cy="6" r="4" fill="white" stroke={COLORS.suppressed} strokeWidth="2" />
          </svg>
          Suppressed by a caveat
        </li>
      </ul>
      <ChartDataTable
        caption={title}
        rowHeader="Day"
        columns={[
          { key: 'value', label: 'Observed' },
          { key: 'expected', label: 'Expected' },
          { key: 'band', label: 'Band' },
          { key: 'flag', label: 'Flag' },
        ]}
        // every anomaly, and the newest 60 days
        rows={points.filter((p, i) => p.anomaly || i >= count - 60).map((p) => ({
          label: p.ts.slice(0, 10),
          values: {
            value: formatValue(p.value),
            expected: formatValue(p.expected),
            band: p.lower === null ? '—' : `${formatValue(p.lower)}–${formatValue(p.upper)}`,
            flag: p.anomaly ? (p.suppressed ? 'suppressed' : `anomaly (${p.severity ?? ''})`) : '',
          },
        }))}
        testId="monitor-table"
      />
    </figure>
  );
}
