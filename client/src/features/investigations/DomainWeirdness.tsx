import { useState } from 'react';
import type { CurrentUser } from '@shared/api/auth';
import type { DomainView } from '@shared/api/domains';
import { Button } from '../../components/Button';
import { Badge } from '../../components/Badge';
import { LoadMore, QueryStates } from '../../components/States';
import { formatTotal } from '../../lib/format';
import { flattenPages, showMoreLabel } from '../../lib/pagination';
import { useDomainInvestigations } from './hooks';
import { InvestigationTable } from './InvestigationTable';
import { OddityChart } from './OddityChart';
import { ReportInvestigationDialog } from './ReportInvestigationDialog';

/** The domain's weirdness log (the latest first, a page at a time) and its oddity-rate chart. */
export function DomainWeirdness({ domain, me }: { domain: DomainView; me: CurrentUser }) {
  const investigations = useDomainInvestigations(domain.key);
  const items = flattenPages(investigations.data?.pages);
  const first = investigations.data?.pages[0];
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
          <h2 id="weirdness-title">
            Weirdness log{' '}
            {first ? (
              <Badge tone="muted" testId="investigations-total">
                {formatTotal(first)}
              </Badge>
            ) : null}
          </h2>
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
        <QueryStates
          query={investigations}
          loadingLabel="Loading investigations…"
          empty={items.length === 0}
          emptyTitle="No weirdness reported in this domain."
        >
          <InvestigationTable investigations={items} caption={`Investigations of ${domain.name}`} />
          <LoadMore
            pages={investigations}
            label={showMoreLabel(first, items.length)}
            style={{ marginTop: '0.75rem' }}
            testId="investigations-more"
          />
        </QueryStates>
      </section>
      <ReportInvestigationDialog open={reporting} onClose={() => setReporting(false)} domainKey={domain.key} />
    </div>
  );
}
