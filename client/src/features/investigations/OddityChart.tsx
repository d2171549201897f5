import { useMemo } from 'react';
import type { DomainConfidenceView } from '@shared/api/confidence';
import type { OddityRateView } from '@shared/api/investigations';
import { CHART_MARGIN, ChartAxes, niceMax, useChartWidth } from '../../components/chart-axes';
import { ChartDataTable } from '../../components/DataTable';
import { ErrorState, Loading } from '../../components/States';
import { formatDate } from '../../lib/format';
import { confidenceChartModel, type ConfidenceChartModel } from '../confidence/chart-model';
import { forecastDetail, forecastHeadline, formatRate, rateSentence, shortWeek } from '../confidence/format';
import { useDomainConfidence, useOddityRate } from '../domains/hooks';

/** The oddity-rate endpoint answers at most this many weeks (its open-at-week-end line). */
const MAX_ODDITY_WEEKS = 104;
const HEIGHT = 300;

const COLORS = {
  observed: 'var(--chart-blue)',
  fitted: 'var(--chart-purple)',
  open: 'var(--chart-orange)',
  target: 'var(--chart-green)',
  marker: 'var(--chart-grey)',
  band: 'rgba(122, 79, 160, 0.14)',
  monitor: 'rgba(0, 121, 140, 0.55)',
};

const MARKER_DASH: Record<string, string> = { handoff: '', recycle: '5 3', phase: '2 3', certified: '' };
const MARKER_SHORT: Record<string, string> = { handoff: 'hand-off', recycle: 'recycled', certified: 'certified' };

type Measured = Extract<DomainConfidenceView, { status: 'measured' }>;

/**
 * The domain's oddities since hand-off, as the confidence gate measures them: severity-weighted new
 * investigations per week, the fitted Goel–Okumoto curve, the open-at-week-end line, the target,
 * the phase changes and the forecast's 90% range, with the same numbers as a table.
 */
export function OddityChart({ domainKey }: { domainKey: string }) {
  const confidence = useDomainConfidence(domainKey);
  const measured = confidence.data?.status === 'measured' ? confidence.data : null;
  const span = Math.min(MAX_ODDITY_WEEKS, Math.max(1, measured?.weeks.length ?? 1));
  const oddity = useOddityRate(domainKey, span, measured !== null);

  if (confidence.isPending) return <Loading label="Loading the oddity rate…" />;
  if (confidence.isError)
    return (
      <ErrorState
        error={confidence.error}
        title="Could not load the oddity rate"
        onRetry={() => confidence.refetch()}
      />
    );
  const view = confidence.data;
  if (view.status === 'not_started') {
    return (
      <div className="confidence-chart" data-testid="oddity-chart" data-status="not_started">
        <p className="chart-title">Oddity rate since hand-off</p>
        <p className="muted" data-testid="confidence-not-started">
          Not enough data: {view.reason}
        </p>
      </div>
    );
  }
  if (oddity.isPending) return <Loading label="Loading the oddity rate…" />;
  if (oddity.isError)
    return <ErrorState error={oddity.error} title="Could not load the oddity rate" onRetry={() => oddity.refetch()} />;
  return <MeasuredChart view={view} oddity={oddity.data} />;
}

function MeasuredChart({ view, oddity }: { view: Measured; oddity: OddityRateView }) {
  const model = useMemo(
    () => confidenceChartModel(view, new Map(oddity.weeks.map((w) => [w.week, w.openAtWeekEnd]))),
    [view, oddity],
  );
  const observed = model.weeks.filter((w) => !w.future);
  const latest = oddity.weeks[oddity.weeks.length - 1];
  const fitReason = view.fit.status === 'ok' ? null : view.fit.reason;
  return (
    <div
      className="confidence-chart"
      data-testid="oddity-chart"
      data-status="measured"
      data-total={view.events}
      data-weeks={observed.length}
    >
      <ConfidenceSvg model={model} title={`Oddity rate since hand-off (${formatDate(view.start)})`} />
      <dl className="confidence-facts">
        <dt>Now</dt>
        <dd data-testid="confidence-rate">{rateSentence({ ...view.rate, target: view.options.target })}</dd>
        <dt>Forecast</dt>
        <dd data-testid="confidence-forecast">
          <strong>{forecastHeadline(view.forecast)}</strong>
          {': '}
          {forecastDetail(view.forecast)}
        </dd>
        <dt>Fitted curve</dt>
        <dd data-testid="confidence-fit">
          {view.fit.status === 'ok'
            ? `Goel–Okumoto μ(t) = ${formatRate(view.fit.a)}(1 − e^(−${formatRate(view.fit.b)}t)): about ${formatRate(
                Math.max(0, view.fit.remaining),
              )} weighted oddities still to find (${formatRate(Math.max(0, view.fit.remainingRange.low))} to ${
                view.fit.remainingRange.high === null ? 'no upper bound' : formatRate(view.fit.remainingRange.high)
              })`
            : `Not enough data: ${fitReason}`}
        </dd>
        <dt>Trend</dt>
        <dd data-testid="confidence-trend">
          {view.trend.status === 'ok'
            ? `${view.trend.rising ? 'Rising' : 'Not rising'} (Laplace U = ${view.trend.statistic.toFixed(1)}, p ${
                view.trend.pValue < 0.0001 ? '< 0.0001' : `= ${formatRate(view.trend.pValue)}`
              })`
            : `Not enough data: ${view.trend.reason}`}
        </dd>
      </dl>
      <ul className="confidence-markers" data-testid="confidence-markers" aria-label="Phase changes">
        {model.markers.map((m) => (
          <li key={`${m.kind}-${m.at}`} data-kind={m.kind}>
            <span className="confidence-marker-label">{m.label}</span> {shortWeek(m.week)} ({formatDate(m.at)})
          </li>
        ))}
      </ul>
      {latest ? (
        <p className="small muted">
          This week: {latest.newTotal} new, {latest.resolved} resolved, {latest.openAtWeekEnd} open.
          {latest.medianHoursToTriage !== null
            ? ` Median time to triage ${Math.round(latest.medianHoursToTriage)} h.`
            : ''}
          {latest.medianHoursToResolve !== null
            ? ` Median time to resolve ${Math.round(latest.medianHoursToResolve)} h.`
            : ''}
        </p>
      ) : null}
      <ChartDataTable
        caption="New investigations per week since hand-off"
        rowHeader="Week"
        columns={[
          { key: 'new', label: 'New' },
          { key: 'people', label: 'By people' },
          { key: 'monitors', label: 'By monitors' },
          { key: 'weighted', label: 'Weighted' },
          { key: 'fitted', label: 'Fitted' },
          { key: 'open', label: 'Open at end' },
          { key: 'phase', label: 'Phase change' },
        ]}
        rows={model.weeks.map((w) => ({
          label: w.future ? `${w.week} (ahead)` : w.exposureWeeks < 0.999 ? `${w.week} (partial)` : w.week,
          values: {
            new: w.count ?? '—',
            people: w.count === null ? '—' : w.count - (w.byMonitor ?? 0),
            monitors: w.byMonitor ?? '—',
            weighted: w.weighted === null ? '—' : formatRate(w.weighted),
            fitted: w.fitted === null ? '—' : formatRate(w.fitted),
            open: w.openAtWeekEnd ?? '—',
            phase:
              model.markers
                .filter((m) => m.week === w.week)
                .map((m) => m.label)
                .join(', ') || '',
          },
        }))}
        testId="oddity-table"
      />
    </div>
  );
}

/** The picture: weeks since hand-off across, weighted oddities up. */
function ConfidenceSvg({ model, title }: { model: ConfidenceChartModel; title: string }) {
  // drawn at its real width (as the other charts): on a phone the text keeps its size
  const { ref, width } = useChartWidth<HTMLElement>();
  const plotWidth = width - CHART_MARGIN.left - CHART_MARGIN.right;
  const plotHeight = HEIGHT - CHART_MARGIN.top - CHART_MARGIN.bottom;
  const maxValue = niceMax(model.maxValue);
  const span = Math.max(model.tEnd, 1e-6);
  const X = (t: number) => CHART_MARGIN.left + (Math.min(Math.max(t, 0), span) / span) * plotWidth;
  const Y = (v: number) => CHART_MARGIN.top + plotHeight - (v / maxValue) * plotHeight;
  const top = CHART_MARGIN.top;
  const bottom = CHART_MARGIN.top + plotHeight;
  const observed = model.weeks.filter((w) => w.weighted !== null);
  const fitted = model.weeks.filter((w) => w.fitted !== null);
  const open = model.weeks.filter((w) => w.openAtWeekEnd !== null);
  const line = (points: { t: number; v: number }[]) => points.map((p) => `${X(p.t)},${Y(p.v)}`).join(' ');
  const band = model.forecast;

  return (
    <figure className="chart confidence-figure" ref={ref}>
      <figcaption className="chart-title">{title}</figcaption>
      <div className="confidence-scroll">
        <svg viewBox={`0 0 ${width} ${HEIGHT}`} className="chart-svg" role="img" aria-label={title}>
          {band ? (
            <rect
              data-testid="confidence-band"
              x={X(band.low)}
              width={Math.max(1, X(band.high ?? model.tEnd) - X(band.low))}
              y={top}
              height={plotHeight}
              fill={COLORS.band}
            >
              <title>Forecast range (90%)</title>
            </rect>
          ) : null}
          <ChartAxes
            width={width}
            height={HEIGHT}
            maxValue={maxValue}
            xLabels={model.weeks.map((w) => shortWeek(w.week))}
            x={(i) => X(model.weeks[i].t)}
            xAxisLabel="ISO week since hand-off"
            yAxisLabel="Weighted oddities"
          />
          <line x1={X(model.tNow)} x2={X(model.tNow)} y1={top} y2={bottom} className="confidence-now" />
          <text x={X(model.tNow)} y={top + 10} textAnchor="end" dx="-3" className="chart-tick">
            now
          </text>
          {model.markers.map((m, i) => (
            <g key={`${m.kind}-${m.at}`} data-testid="confidence-marker" data-kind={m.kind}>
              <line
                x1={X(m.t)}
                x2={X(m.t)}
                y1={top}
                y2={bottom}
                stroke={COLORS.marker}
                strokeWidth="1.5"
                strokeDasharray={MARKER_DASH[m.kind]}
              />
              <text x={X(m.t)} y={top + 22 + (i % 2) * 12} dx="3" className="chart-tick">
                {MARKER_SHORT[m.kind] ?? m.label}
              </text>
              <title>{`${m.label}, ${m.week}`}</title>
            </g>
          ))}
          {band ? (
            <line
              data-testid="confidence-forecast-line"
              x1={X(band.t)}
              x2={X(band.t)}
              y1={top}
              y2={bottom}
              stroke={COLORS.fitted}
              strokeWidth="2"
              strokeDasharray="1 3"
            />
          ) : null}
          <g data-testid="confidence-target" data-value={model.target}>
            <line
              x1={CHART_MARGIN.left}
              x2={width - CHART_MARGIN.right}
              y1={Y(model.target)}
              y2={Y(model.target)}
              stroke={COLORS.target}
              strokeWidth="2"
              strokeDasharray="8 4"
            />
            <text x={width - CHART_MARGIN.right} y={Y(model.target) - 4} textAnchor="end" className="chart-tick">
              target {formatRate(model.target)} a week
            </text>
          </g>
          {open.length ? (
            <polyline
              data-series="open"
              points={line(open.map((w) => ({ t: w.t, v: w.openAtWeekEnd! })))}
              fill="none"
              stroke={COLORS.open}
              strokeWidth="2"
              strokeDasharray="2 3"
            />
          ) : null}
          {fitted.length ? (
            <polyline
              data-series="fitted"
              points={line(fitted.map((w) => ({ t: w.t, v: w.fitted! })))}
              fill="none"
              stroke={COLORS.fitted}
              strokeWidth="2"
              strokeDasharray="6 3"
            />
          ) : null}
          <g data-series="by-monitor">
            {observed
              .filter((w) => (w.byMonitor ?? 0) > 0)
              .map((w) => (
                <rect
                  key={w.week}
                  x={X(w.t) - 4}
                  width="8"
                  y={Y(w.byMonitor!)}
                  height={Math.max(0, bottom - Y(w.byMonitor!))}
                  fill={COLORS.monitor}
                >
                  <title>{`${w.week}: ${w.byMonitor} found by monitors, ${w.count! - w.byMonitor!} by people`}</title>
                </rect>
              ))}
          </g>
          <g data-series="observed">
            {observed.length > 1 ? (
              <polyline
                points={line(observed.map((w) => ({ t: w.t, v: w.weighted! })))}
                fill="none"
                stroke={COLORS.observed}
                strokeWidth="2"
              />
            ) : null}
            {observed.map((w) => (
              <circle
                key={w.week}
                cx={X(w.t)}
                cy={Y(w.weighted!)}
                r="3"
                fill={w.exposureWeeks < 0.999 ? 'white' : COLORS.observed}
                stroke={COLORS.observed}
              >
                <title>{`${w.week}: ${w.count} new, ${formatRate(w.weighted!)} weighted${
                  w.exposureWeeks < 0.999 ? ` (partial week, ${formatRate(w.exposureWeeks * 7)} days)` : ''
                }`}</title>
              </circle>
            ))}
          </g>
          {band && (band.high === null || band.high > model.tEnd) ? (
            <text x={width - CHART_MARGIN.right} y={bottom - 6} textAnchor="end" className="chart-tick">
              range goes on →
            </text>
          ) : null}
        </svg>
      </div>
      <ul className="chart-legend" aria-label="Legend">
        <LegendLine name="Weighted new oddities" color={COLORS.observed} />
        <li>
          <svg width="24" height="10" aria-hidden="true">
            <rect x="8" width="8" height="10" fill={COLORS.monitor} />
          </svg>
          Found by monitors (count; the rest people found)
        </li>
        <LegendLine name="Fitted (Goel–Okumoto)" color={COLORS.fitted} dash="6 3" />
        <LegendLine name="Open at week end" color={COLORS.open} dash="2 3" />
        <LegendLine name="Target" color={COLORS.target} dash="8 4" />
        <LegendLine name="Phase change" color={COLORS.marker} vertical />
        {band ? (
          <li>
            <svg width="24" height="10" aria-hidden="true">
              <rect width="24" height="10" fill={COLORS.band} />
            </svg>
            Forecast range (90%)
          </li>
        ) : null}
      </ul>
    </figure>
  );
}

function LegendLine({
  name,
  color,
  dash,
  vertical,
}: {
  name: string;
  color: string;
  dash?: string;
  vertical?: boolean;
}) {
  return (
    <li>
      <svg width="24" height="10" aria-hidden="true">
        {vertical ? (
          <line x1="12" x2="12" y1="0" y2="10" stroke={color} strokeWidth="2" />
        ) : (
          <line x1="0" x2="24" y1="5" y2="5" stroke={color} strokeWidth="2" strokeDasharray={dash} />
        )}
      </svg>
      {name}
    </li>
  );
}
