import { CHART_MARGIN, ChartAxes, ChartLegend, niceMax, useChartWidth } from './chart-axes';

export interface BarSeries {
  name: string;
  /** one per category; null draws no bar (no value) */
  values: (number | null)[];
  color: string;
}

interface BarChartProps {
  title: string;
  categories: string[];
  xAxisLabel: string;
  yAxisLabel: string;
  /** side by side within each category */
  series: BarSeries[];
  height?: number;
  testId?: string;
}

/** Grouped vertical bars, one group per category. An SVG drawing; pair it with a table of the numbers. */
export function BarChart({ title, categories, xAxisLabel, yAxisLabel, series, height = 260, testId }: BarChartProps) {
  const { ref, width } = useChartWidth<HTMLElement>();
  const plotWidth = width - CHART_MARGIN.left - CHART_MARGIN.right;
  const plotHeight = height - CHART_MARGIN.top - CHART_MARGIN.bottom;
  const maxValue = niceMax(Math.max(0, ...series.flatMap((s) => s.values.map((v) => v ?? 0))));
  const slot = categories.length ? plotWidth / categories.length : plotWidth;
  const x = (i: number) => CHART_MARGIN.left + slot * (i + 0.5);
  const barWidth = Math.max(2, (slot * 0.7) / Math.max(1, series.length));
  const y = (v: number) => CHART_MARGIN.top + plotHeight - (v / maxValue) * plotHeight;

  return (
    <figure className="chart" data-testid={testId} ref={ref}>
      <figcaption className="chart-title">{title}</figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} className="chart-svg" role="img" aria-label={title}>
        <ChartAxes
          width={width}
          height={height}
          maxValue={maxValue}
          xLabels={categories}
          x={x}
          xAxisLabel={xAxisLabel}
          yAxisLabel={yAxisLabel}
        />
        {series.map((s, k) => (
          <g key={s.name} data-series={s.name}>
            {s.values.map((v, i) =>
              v === null ? null : (
                <rect
                  key={i}
                  x={x(i) - (barWidth * series.length) / 2 + k * barWidth}
                  y={y(v)}
                  width={barWidth}
                  height={Math.max(0, y(0) - y(v))}
                  fill={s.color}
                >
                  <title>{`${s.name}, ${categories[i]}: ${v}`}</title>
                </rect>
              ),
            )}
          </g>
        ))}
      </svg>
      {series.length > 1 ? <ChartLegend entries={series} /> : null}
    </figure>
  );
}
