import { CHART_MARGIN, ChartAxes, ChartLegend, niceMax, useChartWidth } from './chart-axes';

export interface AreaSeries {
  name: string;
  values: number[];
  color: string;
}

interface StackedAreaChartProps {
  title: string;
  xLabels: string[];
  xAxisLabel: string;
  yAxisLabel: string;
  /** bottom layer first */
  series: AreaSeries[];
  height?: number;
  testId?: string;
}

/**
 * Series stacked on one another as filled bands (a cumulative-flow diagram): the top edge is the
 * total, each band's thickness its own value. An SVG drawing; pair it with a table of the numbers.
 */
export function StackedAreaChart({
  title,
  xLabels,
  xAxisLabel,
  yAxisLabel,
  series,
  height = 280,
  testId,
}: StackedAreaChartProps) {
  const { ref, width } = useChartWidth<HTMLElement>();
  const plotWidth = width - CHART_MARGIN.left - CHART_MARGIN.right;
  const plotHeight = height - CHART_MARGIN.top - CHART_MARGIN.bottom;
  const count = xLabels.length;
  const totals = xLabels.map((_, i) => series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const maxValue = niceMax(Math.max(0, ...totals));
  const x = (i: number) => CHART_MARGIN.left + (count > 1 ? (i / (count - 1)) * plotWidth : plotWidth / 2);
  const y = (v: number) => CHART_MARGIN.top + plotHeight - (v / maxValue) * plotHeight;
  // running sums: band k lies between below[k] and below[k] + values
  const below: number[][] = [];
  series.reduce<number[]>((base, s) => {
    below.push(base);
    return base.map((b, i) => b + (s.values[i] ?? 0));
  }, new Array<number>(count).fill(0));

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
        {count > 0
          ? series.map((s, k) => {
              const lower = below[k];
              const upper = lower.map((b, i) => b + (s.values[i] ?? 0));
              // one point per week; a single week is drawn as a thin column
              const xs = count > 1 ? lower.map((_, i) => x(i)) : [x(0) - 4, x(0) + 4];
              const up = count > 1 ? upper : [upper[0], upper[0]];
              const low = count > 1 ? lower : [lower[0], lower[0]];
              const top = xs.map((px, i) => `${px},${y(up[i])}`);
              const bottom = xs.map((px, i) => `${px},${y(low[i])}`).reverse();
              return (
                <polygon
                  key={s.name}
                  data-series={s.name}
                  points={[...top, ...bottom].join(' ')}
                  fill={s.color}
                  fillOpacity="0.85"
                  stroke={s.color}
                >
                  <title>{s.name}</title>
                </polygon>
              );
            })
          : null}
      </svg>
      <ChartLegend entries={series} />
    </figure>
  );
}
