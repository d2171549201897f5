import { useState } from 'react';
import type { CurrentUser } from '@shared/api/auth';
import type { DomainView } from '@shared/api/domains';
import { Button } from '../../components/Button';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import { useDomainInvestigations } from './hooks';
import { InvestigationTable } from './InvestigationTable';
import { OddityChart } from './OddityChart';
import { ReportInvestigationDialog } from './ReportInvestigationDialog';

/** The domain's weirdness log and its oddity-rate chart. */
export function DomainWeirdness({ domain, me }: { domain: DomainView; me: CurrentUser }) {
  const investigations = useDomainInvestigations(domain.key);
  const [reporting, setReporting] = useState(false);
  return (
    <div className="stack">
      <section className="panel" aria-labelledby="oddity-title">
        <h2 id="oddity-title" className="visually-hidden">
          Oddity rate
        </h2>
        <OddityChart domainKey={domain.key} />
      </section>
      <section className="panel" aria-labelledby="weirdness-title">
        <div className="panel-title">
          <h2 id="weirdness-title">Weirdness log</h2>
          {me.can.contribute ? (
            <Button
              variant="primary"
              onClick={() => setReporting(true)}
              disabledReason={
                domain.can.reportInvestigation ? null : 'Weirdness can be reported from the hand-off phase on'
              }
              data-testid="report-investigation"
            >
              Report weirdness
            </Button>
          ) : null}
        </div>
        {investigations.isPending ? (
          <Loading label="Loading investigations…" />
        ) : investigations.isError ? (
          <ErrorState error={investigations.error} onRetry={() => investigations.refetch()} />
        ) : investigations.data.items.length === 0 ? (
          <EmptyState title="No weirdness reported in this domain." />
        ) : (
          <InvestigationTable investigations={investigations.data.items} caption={`Investigations of ${domain.name}`} />
        )}
      </section>
      <ReportInvestigationDialog open={reporting} onClose={() => setReporting(false)} domainKey={domain.key} />
    </div>
  );
}
