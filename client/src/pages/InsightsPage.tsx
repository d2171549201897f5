import { QueryStates } from '../components/States';
import {
  CertifiedPerMonthChart,
  CumulativeFlowChart,
  InsightsSummaryStrip,
  PortfolioOddityChart,
  TimeInPhaseChart,
} from '../features/insights/InsightsCharts';
import { ForecastTable } from '../features/insights/ForecastTable';
import { useInsights } from '../features/insights/hooks';
import { formatDateTime } from '../lib/format';
import { useDocumentTitle } from '../lib/use-document-title';

/** Leadership's view of the portfolio: where domains are, how long phases take, what weirdness does. */
export function InsightsPage() {
  useDocumentTitle('Insights');
  const insights = useInsights();
  const view = insights.data;
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Insights</h1>
          <p>
            The whole portfolio over time, from every domain&apos;s phase changes and investigations.
            {view ? <span className="muted"> As of {formatDateTime(view.asOf)}.</span> : null}
          </p>
        </div>
      </div>
      <QueryStates
        query={insights}
        loadingLabel="Loading the insights…"
        empty={!view || view.summary.total === 0}
        emptyTitle="No domains yet: insights start with the first one."
      >
        {view ? (
          <div className="insights">
            <InsightsSummaryStrip summary={view.summary} />
            <section className="panel" aria-labelledby="insights-flow">
              <h2 id="insights-flow">Cumulative flow</h2>
              <CumulativeFlowChart weeks={view.cumulativeFlow} />
            </section>
            <div className="grid-2 insights-grid">
              <section className="panel" aria-labelledby="insights-phases">
                <h2 id="insights-phases">Time in phase</h2>
                <TimeInPhaseChart phases={view.timeInPhase} />
              </section>
              <section className="panel" aria-labelledby="insights-certified">
                <h2 id="insights-certified">Certifications</h2>
                <CertifiedPerMonthChart months={view.certifiedPerMonth} />
              </section>
            </div>
            <section className="panel" aria-labelledby="insights-oddity">
              <h2 id="insights-oddity">Oddity rate</h2>
              <PortfolioOddityChart weeks={view.oddityRate} />
            </section>
            <section className="panel" aria-labelledby="insights-forecasts-title">
              <h2 id="insights-forecasts-title">Forecast per domain</h2>
              <p className="muted small">
                When each domain&apos;s oddity rate is expected to reach its gate&apos;s target, from its measured
                history; &quot;not enough data&quot; says why rather than guess.
              </p>
              <ForecastTable rows={view.forecasts} />
            </section>
          </div>
        ) : null}
      </QueryStates>
    </>
  );
}
