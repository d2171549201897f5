import { CHART_MARGIN, ChartAxes, niceMax, useChartWidth } from './chart-axes';

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

/**
 * A small responsive SVG line chart with labelled axes and a legend. The same numbers are
 * available as a table for screen readers.
 */
export function LineChart({ title, xLabels, xAxisLabel, yAxisLabel, series, height = 260, testId }: LineChartProps) {
  const { ref, width } = useChartWidth<HTMLElement>();
  const plotWidth = width - CHART_MARGIN.left - CHART_MARGIN.right;
  const plotHeight = height - CHART_MARGIN.top - CHART_MARGIN.bottom;
  const maxValue = niceMax(Math.max(0, ...series.flatMap((s) => s.values)));
  const count = xLabels.length;
  const x = (i: number) => CHART_MARGIN.left + (count > 1 ? (i / (count - 1)) * plotWidth : plotWidth / 2);
  const y = (v: number) => CHART_MARGIN.top + plotHeight - (v / maxValue) * plotHeight;

  return (
    <figure className="chart" data-testid={testId} ref={ref}>
      <figcaption className="chart-title">{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} className="chart-svg" role="img" aria-label={title}>
        <ChartAxes
          width={width}
          height={height}
          maxValue={maxValue}
          xLabels={xLabels}
          x={x}
          xAxisLabel={xAxisLabel}
          yAxisLabel={yAxisLabel}
        />
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
