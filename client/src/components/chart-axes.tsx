import { useLayoutEffect, useRef, useState } from 'react';

/**
 * Shared geometry of the SVG charts, drawn on a canvas 640 units wide that scales to its box. In a
 * box narrower than that (a phone) the canvas is as wide as the box, one unit a pixel, so the axis
 * text keeps its 11 px instead of shrinking with the drawing.
 */
export const CHART_WIDTH = 640;
export const CHART_MARGIN = { top: 12, right: 16, bottom: 48, left: 48 };
const MIN_CHART_WIDTH = 260;

/** The canvas width for a chart in the box `ref` is attached to (CHART_WIDTH until it is measured). */
export function useChartWidth<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(CHART_WIDTH);
  useLayoutEffect(() => {
    const box = ref.current;
    if (!box) return;
    const update = () => {
      const measured = box.getBoundingClientRect().width;
      if (measured > 0) setWidth(Math.round(Math.max(MIN_CHART_WIDTH, Math.min(CHART_WIDTH, measured))));
    };
    update();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(update);
    observer.observe(box);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}

/** How many x labels to skip between two drawn ones, so that each has about 64 units of room. */
export function xLabelStep(count: number, width: number): number {
  const plotWidth = width - CHART_MARGIN.left - CHART_MARGIN.right;
  const room = Math.max(2, Math.min(8, Math.floor(plotWidth / 64)));
  return Math.max(1, Math.ceil(count / room));
}

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
  /** the canvas width (useChartWidth) */
  width: number;
  height: number;
  maxValue: number;
  xLabels: string[];
  /** x position of label i */
  x: (i: number) => number;
  xAxisLabel: string;
  yAxisLabel: string;
}

/** Grid lines with their values, both axes, the x labels (thinned to fit, at most about eight) and the axis titles. */
export function ChartAxes({ width, height, maxValue, xLabels, x, xAxisLabel, yAxisLabel }: AxesProps) {
  const plotWidth = width - CHART_MARGIN.left - CHART_MARGIN.right;
  const plotHeight = height - CHART_MARGIN.top - CHART_MARGIN.bottom;
  const y = (v: number) => CHART_MARGIN.top + plotHeight - (v / maxValue) * plotHeight;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(maxValue * f * 100) / 100);
  const labelEvery = xLabelStep(xLabels.length, width);
  const bottom = CHART_MARGIN.top + plotHeight;
  return (
    <>
      {ticks.map((t) => (
        <g key={t}>
          <line x1={CHART_MARGIN.left} x2={width - CHART_MARGIN.right} y1={y(t)} y2={y(t)} className="chart-grid" />
          <text x={CHART_MARGIN.left - 6} y={y(t) + 4} textAnchor="end" className="chart-tick">
            {t}
          </text>
        </g>
      ))}
      <line x1={CHART_MARGIN.left} x2={CHART_MARGIN.left} y1={CHART_MARGIN.top} y2={bottom} className="chart-axis" />
      <line x1={CHART_MARGIN.left} x2={width - CHART_MARGIN.right} y1={bottom} y2={bottom} className="chart-axis" />
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
