interface SparklineProps {
  values: number[];
  /** what the numbers are, for screen readers */
  label: string;
  width?: number;
  height?: number;
  /**
   * The value at the top of the box: give the same one to sparklines shown side by side so they
   * share one scale (default: this line's own largest value, at least 1).
   */
  max?: number;
}

/** A tiny trend line; the numbers themselves are given to assistive technology as text. */
export function Sparkline({ values, label, width = 96, height = 24, max: scale }: SparklineProps) {
  const max = Math.max(1, scale ?? 0, ...values);
  const step = values.length > 1 ? (width - 4) / (values.length - 1) : 0;
  const points = values
    .map((v, i) => `${(2 + i * step).toFixed(1)},${(height - 2 - (v / max) * (height - 4)).toFixed(1)}`)
    .join(' ');
  const last = values.length ? values[values.length - 1] : 0;
  const description = `${label}: ${values.length ? values.join(', ') : 'no data'}`;
  return (
    <svg
      className="sparkline"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={description}
    >
      <title>{description}</title>
      <line x1="2" x2={width - 2} y1={height - 2} y2={height - 2} className="sparkline-base" />
      {values.length > 1 ? <polyline points={points} className="sparkline-line" fill="none" /> : null}
      {values.length > 0 ? (
        <circle
          cx={2 + (values.length - 1) * step}
          cy={height - 2 - (last / max) * (height - 4)}
          r="2"
          className="sparkline-dot"
        />
      ) : null}
    </svg>
  );
}
