import { LineChart } from '../../components/LineChart';
import { ErrorState, Loading } from '../../components/States';
import { useOddityRate } from '../domains/hooks';

const SERIES = [
  { key: 'total', name: 'All new', color: '#2f5d8a' },
  { key: 'critical', name: 'Critical', color: '#a61b1b', dash: '6 3' },
  { key: 'high', name: 'High', color: '#b86e00', dash: '2 3' },
  { key: 'resolved', name: 'Resolved', color: '#1e6b34', dash: '8 3 2 3' },
] as const;

/** New investigations per week, by severity, with resolutions beside them. */
export function OddityChart({ domainKey, weeks = 12 }: { domainKey: string; weeks?: number }) {
  const rate = useOddityRate(domainKey, weeks);
  if (rate.isPending) return <Loading label="Loading the oddity rate…" />;
  if (rate.isError)
    return <ErrorState error={rate.error} title="Could not load the oddity rate" onRetry={() => rate.refetch()} />;
  const data = rate.data.weeks;
  const xLabels = data.map((w) => w.week.replace(/^\d{4}-/, ''));
  const series = SERIES.map((s) => ({
    name: s.name,
    color: s.color,
    dash: 'dash' in s ? s.dash : undefined,
    values: data.map((w) =>
      s.key === 'total' ? w.newTotal : s.key === 'resolved' ? w.resolved : (w.newBySeverity?.[s.key] ?? 0),
    ),
  }));
  const latest = data[data.length - 1];
  return (
    <div data-testid="oddity-chart" data-total={data.reduce((n, w) => n + w.newTotal, 0)}>
      <LineChart
        title={`Oddity rate: new investigations per week (last ${weeks} weeks)`}
        xLabels={xLabels}
        xAxisLabel="ISO week"
        yAxisLabel="Investigations"
        series={series}
      />
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
    </div>
  );
}
