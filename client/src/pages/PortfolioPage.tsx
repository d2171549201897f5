import { useCallback, useState } from 'react';
import { DOMAIN_STAGES, type DomainStage } from '@shared/api/enums';
import { Button } from '../components/Button';
import { FilterBar, FilterCheckbox } from '../components/FilterBar';
import { SearchInput } from '../components/SearchInput';
import { EmptyState } from '../components/States';
import { useMe } from '../features/auth/hooks';
import { BoardColumn, type ColumnCount } from '../features/domains/BoardColumn';
import { CreateDomainDialog } from '../features/domains/CreateDomainDialog';
import { UserSelect } from '../features/users/UserSelect';
import { useDocumentTitle } from '../lib/use-document-title';
import { useUrlFilters } from '../lib/use-url-filters';

const FILTER_KEYS = ['q', 'lead', 'atRisk', 'stalled'] as const;

export function PortfolioPage() {
  useDocumentTitle('Portfolio');
  const me = useMe();
  const { filters, clearFilters, active, bindFilter } = useUrlFilters(FILTER_KEYS);
  const columnFilters = {
    q: filters.q || undefined,
    lead: filters.lead || undefined,
    atRisk: filters.atRisk === 'true' || undefined,
    stalled: filters.stalled === 'true' || undefined,
  };
  const [creating, setCreating] = useState(false);
  const [counts, setCounts] = useState<Partial<Record<DomainStage, ColumnCount | null>>>({});
  const onCount = useCallback((stage: DomainStage, count: ColumnCount | null) => {
    setCounts((previous) =>
      previous[stage]?.shown === count?.shown &&
      previous[stage]?.total === count?.total &&
      previous[stage]?.oddityMax === count?.oddityMax
        ? previous
        : { ...previous, [stage]: count },
    );
  }, []);
  const loaded = DOMAIN_STAGES.every((stage) => counts[stage]);
  const shown = DOMAIN_STAGES.reduce((n, stage) => n + (counts[stage]?.shown ?? 0), 0);
  const total = DOMAIN_STAGES.reduce((n, stage) => n + (counts[stage]?.total ?? 0), 0);
  // one scale for every card's sparkline: one oddity in eight weeks must not look like three a week
  const oddityScale = Math.max(1, ...DOMAIN_STAGES.map((stage) => counts[stage]?.oddityMax ?? 0));

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Portfolio</h1>
          <p>Every data domain on its way to being safe for everyone to use.</p>
        </div>
        {me.can.createDomain ? (
          <Button variant="primary" onClick={() => setCreating(true)} data-testid="new-domain">
            New domain
          </Button>
        ) : null}
      </div>

      <FilterBar
        label="Filter domains"
        active={active}
        onClear={clearFilters}
        count={loaded ? `${shown} of ${total} domains` : undefined}
        countTestId="board-count"
      >
        <SearchInput {...bindFilter('q')} label="Search domains" testId="filter-q" />
        <UserSelect aria-label="Lead" {...bindFilter('lead')} emptyLabel="Any lead" testId="filter-lead" />
        <FilterCheckbox label="At risk only" {...bindFilter('atRisk')} testId="filter-at-risk" />
        <FilterCheckbox label="Stalled only" {...bindFilter('stalled')} testId="filter-stalled" />
      </FilterBar>

      {loaded && total === 0 ? (
        <EmptyState title={active ? 'No domain matches these filters.' : 'No domains yet.'}>
          {!active && me.can.createDomain ? <p>Create the first one to start cutting a trail.</p> : null}
        </EmptyState>
      ) : null}
      <div className="board" data-testid="portfolio-board" hidden={loaded && total === 0}>
        {DOMAIN_STAGES.map((stage) => (
          <BoardColumn key={stage} stage={stage} filters={columnFilters} onCount={onCount} oddityScale={oddityScale} />
        ))}
      </div>
      <CreateDomainDialog open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
