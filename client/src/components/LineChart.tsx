export interface ChartSeries {
  name: string;
  values: number[];
  /** a CSS colour; series are also told apart by dash pattern */
  color: string;
  dash?: string;
}

interface LineChartProps {
  title: string;
  xLabels: string[];
  xAxisLabel: string;
  yAxisLabel: string;
  series: ChartSeries[];
  height?: number;
  testId?: string;
}

const WIDTH = 640;
const MARGIN = { top: 12, right: 16, bottom: 48, left: 48 };

function niceMax(value: number): number {
  if (value <= 4) return 4;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (step * magnitude >= value) return step * magnitude;
  }
  return 10 * magnitude;
}

/**
 * A small responsive SVG line chart with labelled axes and a legend. The same numbers are
 * available as a table for screen readers.
 */
export function LineChart({ title, xLabels, xAxisLabel, yAxisLabel, series, height = 260, testId }: LineChartProps) {
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = height - MARGIN.top - MARGIN.bottom;
  const maxValue = niceMax(Math.max(0, ...series.flatMap((s) => s.values)));
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(maxValue * f * 100) / 100);
  const count = xLabels.length;
  const x = (i: number) => MARGIN.left + (count > 1 ? (i / (count - 1)) * plotWidth : plotWidth / 2);
  const y = (v: number) => MARGIN.top + plotHeight - (v / maxValue) * plotHeight;
  const labelEvery = Math.max(1, Math.ceil(count / 8));

  return (
    <figure className="chart" data-testid={testId}>
      <figcaption className="chart-title">{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} className="chart-svg" role="img" aria-label={title}>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(t)} y2={y(t)} className="chart-grid" />
            <text x={MARGIN.left - 6} y={y(t) + 4} textAnchor="end" className="chart-tick">
              {t}
            </text>
          </g>
        ))}
        <line x1={MARGIN.left} x2={MARGIN.left} y1={MARGIN.top} y2={MARGIN.top + plotHeight} className="chart-axis" />
        <line
          x1={MARGIN.left}
          x2={WIDTH - MARGIN.right}
          y1={MARGIN.top + plotHeight}
          y2={MARGIN.top + plotHeight}
          className="chart-axis"
        />
        {xLabels.map((label, i) =>
          i % labelEvery === 0 || i === count - 1 ? (
            <text key={label + i} x={x(i)} y={MARGIN.top + plotHeight + 16} textAnchor="middle" className="chart-tick">
              {label}
            </text>
          ) : null,
        )}
        <text x={MARGIN.left + plotWidth / 2} y={height - 6} textAnchor="middle" className="chart-axis-label">
          {xAxisLabel}
        </text>
        <text
          x={14}
          y={MARGIN.top + plotHeight / 2}
          textAnchor="middle"
          transform={`rotate(-90 14 ${MARGIN.top + plotHeight / 2})`}
          className="chart-axis-label"
        >
          {yAxisLabel}
        </text>
        {series.map((s) => (
          <g key={s.name} data-series={s.name}>
            {count > 1 ? (
              <polyline
                points={s.values.map((v, i) => `${x(i)},${y(v)}`).join(' ')}
                fill="none"
                stroke={s.color}
                strokeWidth="2"
                strokeDasharray={s.dash}
              />
            ) : null}
            {s.values.map((v, i) => (
              <circle key={i} cx={x(i)} cy={y(v)} r="3" fill={s.color}>
                <title>{`${s.name}, ${xLabels[i]}: ${v}`}</title>
              </circle>
            ))}
          </g>
        ))}
      </svg>
      <ul className="chart-legend" aria-label="Legend">
        {series.map((s) => (
          <li key={s.name}>
            <svg width="24" height="10" aria-hidden="true">
              <line x1="0" x2="24" y1="5" y2="5" stroke={s.color} strokeWidth="2" strokeDasharray={s.dash} />
            </svg>
            {s.name}
          </li>
        ))}
      </ul>
      <table className="visually-hidden">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{xAxisLabel}</th>
            {series.map((s) => (
              <th scope="col" key={s.name}>
                {s.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {xLabels.map((label, i) => (
            <tr key={label + i}>
              <th scope="row">{label}</th>
              {series.map((s) => (
                <td key={s.name}>{s.values[i] ?? 0}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
