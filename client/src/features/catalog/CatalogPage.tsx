import { ARTIFACT_TYPES } from '@shared/api/enums';
import { TRUST_STATUSES } from '@shared/api/catalog';
import { FilterBar, FilterSelect } from '../../components/FilterBar';
import { toOptions } from '../../components/OptionSelect';
import { SearchInput } from '../../components/SearchInput';
import { LoadMore, QueryStates } from '../../components/States';
import { capitalize, formatTotal } from '../../lib/format';
import { flattenPages } from '../../lib/pagination';
import { useDocumentTitle } from '../../lib/use-document-title';
import { useUrlFilters } from '../../lib/use-url-filters';
import { DomainSelect } from '../domains/DomainSelect';
import { UserSelect } from '../users/UserSelect';
import { CatalogEntry } from './CatalogEntry';
import { useCatalog } from './hooks';
import { TRUST_LABELS } from './TrustBadge';

const FILTER_KEYS = ['q', 'type', 'domain', 'trust', 'owner'] as const;
const TYPE_OPTIONS = toOptions(ARTIFACT_TYPES, capitalize);
const TRUST_OPTIONS = toOptions(TRUST_STATUSES, (s) => TRUST_LABELS[s]);

/** Every metric, dataset and analysis of every domain, most trusted first, for everyone. */
export function CatalogPage() {
  useDocumentTitle('Catalog');
  const { filters, clearFilters, active, bindFilter } = useUrlFilters(FILTER_KEYS);
  const catalog = useCatalog(filters);
  const items = flattenPages(catalog.data?.pages);
  const total = formatTotal(catalog.data?.pages[0]);
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Catalog</h1>
          <p>What is safe to use: every metric, dataset and analysis, with its trust status, caveats and who to ask.</p>
        </div>
      </div>
      <FilterBar
        label="Filter the catalog"
        active={active}
        onClear={clearFilters}
        count={total !== undefined ? `${total} artifacts` : undefined}
        countTestId="catalog-count"
      >
        <SearchInput {...bindFilter('q')} label="Search the catalog" testId="catalog-filter-q" />
        <FilterSelect label="Type" {...bindFilter('type')} options={TYPE_OPTIONS} testId="catalog-filter-type" />
        <DomainSelect aria-label="Domain" {...bindFilter('domain')} testId="catalog-filter-domain" />
        <FilterSelect label="Trust" {...bindFilter('trust')} options={TRUST_OPTIONS} testId="catalog-filter-trust" />
        <UserSelect aria-label="Owner" {...bindFilter('owner')} emptyLabel="Any owner" testId="catalog-filter-owner" />
      </FilterBar>
      <QueryStates
        query={catalog}
        loadingLabel="Loading the catalog…"
        empty={items.length === 0}
        emptyTitle={active ? 'Nothing in the catalog matches these filters.' : 'No artifacts yet.'}
      >
        <div className="catalog-list" data-testid="catalog-list">
          {items.map((entry) => (
            <CatalogEntry key={entry.id} entry={entry} />
          ))}
        </div>
        <LoadMore pages={catalog} style={{ marginTop: '0.75rem' }} />
      </QueryStates>
    </>
  );
}
