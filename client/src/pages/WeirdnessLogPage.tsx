import { INVESTIGATION_STATUSES, SEVERITIES } from '@shared/api/enums';
import { Button } from '../components/Button';
import { SearchInput } from '../components/SearchInput';
import { EmptyState, ErrorState, Loading } from '../components/States';
import { DomainSelect } from '../features/domains/DomainSelect';
import { useInvestigationLog, useRootCauses } from '../features/investigations/hooks';
import { InvestigationTable } from '../features/investigations/InvestigationTable';
import { UserSelect } from '../features/users/UserSelect';
import { INVESTIGATION_STATUS_LABELS, capitalize, formatTotal } from '../lib/format';
import { flattenPages } from '../lib/pagination';
import { useDocumentTitle } from '../lib/use-document-title';
import { useUrlFilters } from '../lib/use-url-filters';

const FILTER_KEYS = ['q', 'status', 'severity', 'rootCause', 'domain', 'investigator', 'overdue'] as const;

/** Every investigation across domains, filterable, with the filters in the URL. */
export function WeirdnessLogPage() {
  useDocumentTitle('Weirdness log');
  const { filters, setFilter, clearFilters, active } = useUrlFilters(FILTER_KEYS);
  const log = useInvestigationLog(filters);
  const rootCauses = useRootCauses();
  const items = flattenPages(log.data?.pages);
  const total = formatTotal(log.data?.pages[0]);

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Weirdness log</h1>
          <p>Oddities found in the data, across every domain, and how each was tracked down.</p>
        </div>
      </div>
      <div className="filters" role="search" aria-label="Filter investigations">
        <SearchInput
          value={filters.q}
          onChange={(v) => setFilter('q', v)}
          label="Search investigations"
          testId="weirdness-filter-q"
        />
        <DomainSelect
          aria-label="Domain"
          value={filters.domain}
          onChange={(key) => setFilter('domain', key)}
          testId="weirdness-filter-domain"
        />
        <select
          aria-label="Status"
          value={filters.status}
          onChange={(e) => setFilter('status', e.target.value)}
          data-testid="weirdness-filter-status"
        >
          <option value="">Any status</option>
          {INVESTIGATION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {INVESTIGATION_STATUS_LABELS[s]}
            </option>
          ))}
        </select>
        <select
          aria-label="Severity"
          value={filters.severity}
          onChange={(e) => setFilter('severity', e.target.value)}
          data-testid="weirdness-filter-severity"
        >
          <option value="">Any severity</option>
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {capitalize(s)}
            </option>
          ))}
        </select>
        <select
          aria-label="Root cause"
          value={filters.rootCause}
          onChange={(e) => setFilter('rootCause', e.target.value)}
          data-testid="weirdness-filter-root-cause"
        >
          <option value="">Any root cause</option>
          {(rootCauses.data ?? []).map((rc) => (
            <option key={rc.key} value={rc.key}>
              {rc.label}
            </option>
          ))}
        </select>
        <UserSelect
          aria-label="Investigator"
          value={filters.investigator}
          onChange={(v) => setFilter('investigator', v)}
          emptyLabel="Any investigator"
          testId="weirdness-filter-investigator"
        />
        <label className="checkbox">
          <input
            type="checkbox"
            checked={filters.overdue === 'true'}
            onChange={(e) => setFilter('overdue', e.target.checked ? 'true' : '')}
            data-testid="weirdness-filter-overdue"
          />
          Overdue only
        </label>
        {active ? (
          <Button size="small" variant="ghost" onClick={clearFilters}>
            Clear filters
          </Button>
        ) : null}
        {total !== undefined ? (
          <span className="muted small" aria-live="polite">
            {total} investigations
          </span>
        ) : null}
      </div>
      <section className="panel" aria-label="Investigations">
        {log.isPending ? (
          <Loading label="Loading investigations…" />
        ) : log.isError ? (
          <ErrorState error={log.error} onRetry={() => log.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState title={active ? 'No investigation matches these filters.' : 'No weirdness reported yet.'} />
        ) : (
          <>
            <InvestigationTable investigations={items} showDomain caption="Investigations across domains" />
            {log.hasNextPage ? (
              <Button
                onClick={() => log.fetchNextPage()}
                busy={log.isFetchingNextPage}
                style={{ marginTop: '0.75rem' }}
              >
                Load more
              </Button>
            ) : null}
          </>
        )}
      </section>
    </>
  );
}
