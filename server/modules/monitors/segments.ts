import { augurs } from './augurs';
import { interpolate } from './detector-robust';
import type { SeriesPoint } from './detector';

/**
 * For a monitor whose query returns a `segment` column: which segments behave unlike the others
 * (one country's signups falling while the rest hold), by augurs' MAD outlier detector across the
 * segments. It complements detect(), which judges each series against its own history.
 */
export interface SegmentOutliers {
  /** Segments outlying at any of the judged (newest) timestamps. */
  outlying: string[];
  /** Per segment, the timestamp ranges (inclusive; `to` null = still outlying at the end) in which it is outlying. */
  intervals: Record<string, { from: string; to: string | null }[]>;
  /** False when there are fewer than three segments or two common timestamps: nothing to compare. */
  compared: boolean;
}

/** augurs' MAD sensitivity (0..1 exclusive, higher flags more): 0.5 to 0.9 over ours; beyond 0.9 it flags noise. */
export function madSensitivity(sensitivity: number): number {
  const s = Number.isFinite(sensitivity) ? Math.min(1, Math.max(0, sensitivity)) : 0.5;
  return 0.5 + 0.4 * s;
}

export function outlyingSegments(
  segments: Record<string, SeriesPoint[]>,
  options: { sensitivity: number; evaluateLast?: number },
): SegmentOutliers {
  const names = Object.keys(segments);
  const timestamps = [...new Set(names.flatMap((n) => segments[n].map((p) => p.ts)))].sort();
  const empty: SegmentOutliers = { outlying: [], intervals: {}, compared: false };
  if (names.length < 3 || timestamps.length < 2) return empty;
  const at = new Map(timestamps.map((ts, i) => [ts, i]));
  const rows = names.map((name) => {
    const row = new Array<number>(timestamps.length).fill(NaN);
    for (const p of segments[name]) if (Number.isFinite(p.value)) row[at.get(p.ts)!] = p.value;
    return interpolate(row);
  });
  const detector = augurs().outlier.OutlierDetector.mad({ sensitivity: madSensitivity(options.sensitivity) });
  let output;
  try {
    output = detector.detect(rows);
  } finally {
    detector.free();
  }
  const judgedFrom = timestamps.length - Math.max(1, Math.min(timestamps.length, options.evaluateLast ?? 1));
  const intervals: SegmentOutliers['intervals'] = {};
  const outlying: string[] = [];
  output.seriesResults.forEach((result, index) => {
    const name = names[index];
    intervals[name] = result.outlierIntervals.map((interval) => ({
      from: timestamps[interval.start],
      // augurs' end is exclusive
      to: interval.end === undefined || interval.end === null ? null : timestamps[interval.end - 1],
    }));
    const judged = result.outlierIntervals.some(
      (interval) => (interval.end ?? timestamps.length) > judgedFrom && interval.start < timestamps.length,
    );
    if (judged) outlying.push(name);
  });
  return { outlying, intervals, compared: true };
}
