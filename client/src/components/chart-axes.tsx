/** Shared geometry of the SVG charts drawn on a 640-unit-wide canvas that scales to its box. */
export const CHART_WIDTH = 640;
export const CHART_MARGIN = { top: 12, right: 16, bottom: 48, left: 48 };

/** A round upper bound for the y axis (at least 4, so small counts keep whole-number ticks). */
export function niceMax(value: number): number {
  if (value <= 4) return 4;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (step * magnitude >= value) return step * magnitude;
  }
  return 10 * magnitude;
}

interface AxesProps {
  height: number;
  maxValue: number;
  xLabels: string[];
  /** x position of label i */
  x: (i: number) => number;
  xAxisLabel: string;
  yAxisLabel: string;
}

/** Grid lines with their values, both axes, the x labels (thinned to about eight) and the axis titles. */
export function ChartAxes({ height, maxValue, xLabels, x, xAxisLabel, yAxisLabel }: AxesProps) {
  const plotWidth = CHART_WIDTH - CHART_MARGIN.left - CHART_MARGIN.right;
  const plotHeight = height - CHART_MARGIN.top - CHART_MARGIN.bottom;
  const y = (v: number) => CHART_MARGIN.top + plotHeight - (v / maxValue) * plotHeight;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(maxValue * f * 100) / 100);
  const labelEvery = Math.max(1, Math.ceil(xLabels.length / 8));
  const bottom = CHART_MARGIN.top + plotHeight;
  return (
    <>
      {ticks.map((t) => (
        <g key={t}>
          <line
            x1={CHART_MARGIN.left}
            x2={CHART_WIDTH - CHART_MARGIN.right}
            y1={y(t)}
            y2={y(t)}
            className="chart-grid"
          />
          <text x={CHART_MARGIN.left - 6} y={y(t) + 4} textAnchor="end" className="chart-tick">
            {t}
          </text>
        </g>
      ))}
      <line x1={CHART_MARGIN.left} x2={CHART_MARGIN.left} y1={CHART_MARGIN.top} y2={bottom} className="chart-axis" />
      <line
        x1={CHART_MARGIN.left}
        x2={CHART_WIDTH - CHART_MARGIN.right}
        y1={bottom}
        y2={bottom}
        className="chart-axis"
      />
      {xLabels.map((label, i) =>
        i % labelEvery === 0 || i === xLabels.length - 1 ? (
          <text key={label + i} x={x(i)} y={bottom + 16} textAnchor="middle" className="chart-tick">
            {label}
          </text>
        ) : null,
      )}
      <text x={CHART_MARGIN.left + plotWidth / 2} y={height - 6} textAnchor="middle" className="chart-axis-label">
        {xAxisLabel}
      </text>
      <text
        x={14}
        y={CHART_MARGIN.top + plotHeight / 2}
        textAnchor="middle"
        transform={`rotate(-90 14 ${CHART_MARGIN.top + plotHeight / 2})`}
        className="chart-axis-label"
      >
        {yAxisLabel}
      </text>
    </>
  );
}

export interface LegendEntry {
  name: string;
  color: string;
}

/** Colour swatches naming each series. */
export function ChartLegend({ entries }: { entries: LegendEntry[] }) {
  return (
    <ul className="chart-legend" aria-label="Legend">
      {entries.map((e) => (
        <li key={e.name}>
          <svg width="14" height="14" aria-hidden="true">
            <rect width="14" height="14" rx="2" fill={e.color} />
          </svg>
          {e.name}
        </li>
      ))}
    </ul>
  );
}
