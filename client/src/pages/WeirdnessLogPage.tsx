import { INVESTIGATION_STATUSES, SEVERITIES } from '@shared/api/enums';
import { FilterBar, FilterCheckbox, FilterSelect } from '../components/FilterBar';
import { toOptions } from '../components/OptionSelect';
import { SearchInput } from '../components/SearchInput';
import { LoadMore, QueryStates } from '../components/States';
import { DomainSelect } from '../features/domains/DomainSelect';
import { useInvestigationLog, useRootCauses } from '../features/investigations/hooks';
import { InvestigationTable } from '../features/investigations/InvestigationTable';
import { UserSelect } from '../features/users/UserSelect';
import { INVESTIGATION_STATUS_LABELS, capitalize, formatTotal } from '../lib/format';
import { flattenPages } from '../lib/pagination';
import { useDocumentTitle } from '../lib/use-document-title';
import { useUrlFilters } from '../lib/use-url-filters';

const FILTER_KEYS = ['q', 'status', 'severity', 'rootCause', 'domain', 'investigator', 'overdue'] as const;
const STATUS_OPTIONS = toOptions(INVESTIGATION_STATUSES, (s) => INVESTIGATION_STATUS_LABELS[s]);
const SEVERITY_OPTIONS = toOptions(SEVERITIES, capitalize);

/** Every investigation across domains, filterable, with the filters in the URL. */
export function WeirdnessLogPage() {
  useDocumentTitle('Weirdness log');
  const { filters, clearFilters, active, bindFilter } = useUrlFilters(FILTER_KEYS);
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
      <FilterBar
        label="Filter investigations"
        active={active}
        onClear={clearFilters}
        count={total !== undefined ? `${total} investigations` : undefined}
      >
        <SearchInput {...bindFilter('q')} label="Search investigations" testId="weirdness-filter-q" />
        <DomainSelect aria-label="Domain" {...bindFilter('domain')} testId="weirdness-filter-domain" />
        <FilterSelect
          label="Status"
          {...bindFilter('status')}
          options={STATUS_OPTIONS}
          testId="weirdness-filter-status"
        />
        <FilterSelect
          label="Severity"
          {...bindFilter('severity')}
          options={SEVERITY_OPTIONS}
          testId="weirdness-filter-severity"
        />
        <FilterSelect
          label="Root cause"
          {...bindFilter('rootCause')}
          options={(rootCauses.data ?? []).map((rc) => ({ value: rc.key, label: rc.label }))}
          testId="weirdness-filter-root-cause"
        />
        <UserSelect
          aria-label="Investigator"
          {...bindFilter('investigator')}
          emptyLabel="Any investigator"
          testId="weirdness-filter-investigator"
        />
        <FilterCheckbox label="Overdue only" {...bindFilter('overdue')} testId="weirdness-filter-overdue" />
      </FilterBar>
      <section className="panel" aria-label="Investigations">
        <QueryStates
          query={log}
          loadingLabel="Loading investigations…"
          empty={items.length === 0}
          emptyTitle={active ? 'No investigation matches these filters.' : 'No weirdness reported yet.'}
        >
          <InvestigationTable investigations={items} showDomain caption="Investigations across domains" />
          <LoadMore pages={log} style={{ marginTop: '0.75rem' }} />
        </QueryStates>
      </section>
    </>
  );
}
