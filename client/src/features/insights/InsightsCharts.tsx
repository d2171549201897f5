import { Link } from 'react-router';
import { DOMAIN_STAGES, type DomainStage } from '@shared/api/enums';
import type { InsightsView } from '@shared/api/insights';
import { PHASE_INFO } from '@shared/workflow/definition';
import { BarChart } from '../../components/BarChart';
import { ChartDataTable } from '../../components/DataTable';
import { LineChart } from '../../components/LineChart';
import { StackedAreaChart } from '../../components/StackedAreaChart';
import { paths } from '../../paths';

const STAGE_COLORS: Record<DomainStage, string> = {
  specs: 'var(--chart-slate)',
  scoping: 'var(--chart-sky)',
  handoff: 'var(--chart-blue)',
  weirdness: 'var(--chart-orange)',
  confidence: 'var(--chart-purple)',
  certified: 'var(--chart-green)',
};

/** "2026-W07" → "W07": the year is in the table, the axis has no room for it. */
const shortWeek = (week: string) => week.replace(/^\d{4}-/, '');
const days = (value: number | null) => (value === null ? '—' : String(value));

/** The four numbers of the board today; stalled and at risk open the board filtered the same way. */
export function InsightsSummaryStrip({ summary }: { summary: InsightsView['summary'] }) {
  const tiles = [
    { key: 'certified', label: 'Certified', value: summary.certified, to: null },
    { key: 'in-progress', label: 'In progress', value: summary.inProgress, to: null },
    { key: 'stalled', label: 'Stalled', value: summary.stalled, to: `${paths.portfolio()}?stalled=true` },
    { key: 'at-risk', label: 'At risk', value: summary.atRisk, to: `${paths.portfolio()}?atRisk=true` },
  ];
  return (
    <ul className="summary-strip" aria-label="Portfolio summary">
      {tiles.map((tile) => (
        <li key={tile.key} className={`summary-tile summary-tile-${tile.key}`} data-testid={`summary-${tile.key}`}>
          <span className="summary-value">{tile.value}</span>
          <span className="summary-label">
            {tile.to && tile.value > 0 ? <Link to={tile.to}>{tile.label}</Link> : tile.label}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** Domains per stage at each week's end, stacked from specs up to certified. */
export function CumulativeFlowChart({ weeks }: { weeks: InsightsView['cumulativeFlow'] }) {
  const series = DOMAIN_STAGES.map((stage) => ({
    name: PHASE_INFO[stage].label,
    color: STAGE_COLORS[stage],
    values: weeks.map((w) => w.stages[stage]),
  }));
  return (
    <>
      <StackedAreaChart
        title="Cumulative flow: domains in each stage at the end of each week"
        xLabels={weeks.map((w) => shortWeek(w.week))}
        xAxisLabel="ISO week"
        yAxisLabel="Domains"
        series={series}
        testId="chart-cumulative-flow"
      />
      <ChartDataTable
        caption="Domains in each stage at the end of each week"
        rowHeader="Week"
        columns={[
          ...DOMAIN_STAGES.map((stage) => ({ key: stage, label: PHASE_INFO[stage].label })),
          { key: 'total', label: 'Total' },
        ]}
        rows={weeks.map((w) => ({
          label: w.week,
          values: { ...w.stages, total: DOMAIN_STAGES.reduce((n, stage) => n + w.stages[stage], 0) },
        }))}
        testId="table-cumulative-flow"
      />
    </>
  );
}

/** Median and 90th percentile of the completed stays in each phase, in days. */
export function TimeInPhaseChart({ phases }: { phases: InsightsView['timeInPhase'] }) {
  return (
    <>
      <BarChart
        title="Time in each phase: median and 90th percentile of completed stays"
        categories={phases.map((p) => PHASE_INFO[p.phase].label)}
        xAxisLabel="Phase"
        yAxisLabel="Days"
        series={[
          { name: 'Median', color: 'var(--chart-blue)', values: phases.map((p) => p.medianDays) },
          { name: '90th percentile', color: 'var(--chart-orange)', values: phases.map((p) => p.p90Days) },
        ]}
        testId="chart-time-in-phase"
      />
      <ChartDataTable
        caption="Time in each phase, in days"
        rowHeader="Phase"
        columns={[
          { key: 'stays', label: 'Completed stays' },
          { key: 'median', label: 'Median (days)' },
          { key: 'p90', label: '90th percentile (days)' },
        ]}
        rows={phases.map((p) => ({
          label: PHASE_INFO[p.phase].label,
          values: { stays: p.stays, median: days(p.medianDays), p90: days(p.p90Days) },
        }))}
        testId="table-time-in-phase"
      />
    </>
  );
}

/** Domains that passed the last gate, per calendar month. */
export function CertifiedPerMonthChart({ months }: { months: InsightsView['certifiedPerMonth'] }) {
  return (
    <>
      <BarChart
        title="Domains certified per month"
        categories={months.map((m) => m.month)}
        xAxisLabel="Month"
        yAxisLabel="Domains certified"
        series={[{ name: 'Certified', color: STAGE_COLORS.certified, values: months.map((m) => m.certified) }]}
        testId="chart-certified-per-month"
      />
      <ChartDataTable
        caption="Domains certified per month"
        rowHeader="Month"
        columns={[{ key: 'certified', label: 'Certified' }]}
        rows={months.map((m) => ({ label: m.month, values: { certified: m.certified } }))}
        testId="table-certified-per-month"
      />
    </>
  );
}

/** New investigations per week across every domain: is weirdness falling anywhere? */
export function PortfolioOddityChart({ weeks }: { weeks: InsightsView['oddityRate'] }) {
  return (
    <>
      <LineChart
        title="Portfolio oddity rate: new investigations per week, all domains"
        xLabels={weeks.map((w) => shortWeek(w.week))}
        xAxisLabel="ISO week"
        yAxisLabel="Investigations"
        series={[
          { name: 'New investigations', color: 'var(--chart-red)', values: weeks.map((w) => w.newInvestigations) },
        ]}
        testId="chart-oddity-rate"
      />
      <ChartDataTable
        caption="New investigations per week, all domains"
        rowHeader="Week"
        columns={[{ key: 'new', label: 'New investigations' }]}
        rows={weeks.map((w) => ({ label: w.week, values: { new: w.newInvestigations } }))}
        testId="table-oddity-rate"
      />
    </>
  );
}
