import { useState } from 'react';
import { DOMAIN_STAGES } from '@shared/api/enums';
import type { DomainSummary } from '@shared/api/domains';
import { PHASE_INFO } from '@shared/workflow/definition';
import { Button } from '../components/Button';
import { SearchInput } from '../components/SearchInput';
import { EmptyState, ErrorState, Loading } from '../components/States';
import { useMe } from '../features/auth/hooks';
import { CreateDomainDialog } from '../features/domains/CreateDomainDialog';
import { DomainCard } from '../features/domains/DomainCard';
import { useDomains } from '../features/domains/hooks';
import { UserSelect } from '../features/users/UserSelect';
import { useDocumentTitle } from '../lib/use-document-title';
import { useUrlFilters } from '../lib/use-url-filters';

const FILTER_KEYS = ['q', 'lead', 'atRisk', 'stalled'] as const;

export function PortfolioPage() {
  useDocumentTitle('Portfolio');
  const me = useMe();
  const { filters, setFilter, clearFilters, active } = useUrlFilters(FILTER_KEYS);
  const domains = useDomains({ q: filters.q, lead: filters.lead, atRisk: filters.atRisk === 'true' });
  const [creating, setCreating] = useState(false);

  const visible = (domains.data?.items ?? []).filter((d) => filters.stalled !== 'true' || d.stalled);
  const byStage = new Map<string, DomainSummary[]>(DOMAIN_STAGES.map((s) => [s, []]));
  for (const domain of visible) byStage.get(domain.stage)?.push(domain);
  // stalled and at-risk domains first, so they stand out at the top of their column
  for (const list of byStage.values())
    list.sort(
      (a, b) =>
        Number(b.atRisk) - Number(a.atRisk) || Number(b.stalled) - Number(a.stalled) || a.name.localeCompare(b.name),
    );

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

      <div className="filters" role="search" aria-label="Filter domains">
        <SearchInput value={filters.q} onChange={(v) => setFilter('q', v)} label="Search domains" testId="filter-q" />
        <UserSelect
          aria-label="Lead"
          value={filters.lead}
          onChange={(v) => setFilter('lead', v)}
          emptyLabel="Any lead"
          testId="filter-lead"
        />
        <label className="checkbox">
          <input
            type="checkbox"
            checked={filters.atRisk === 'true'}
            onChange={(e) => setFilter('atRisk', e.target.checked ? 'true' : '')}
            data-testid="filter-at-risk"
          />
          At risk only
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={filters.stalled === 'true'}
            onChange={(e) => setFilter('stalled', e.target.checked ? 'true' : '')}
            data-testid="filter-stalled"
          />
          Stalled only
        </label>
        {active ? (
          <Button size="small" variant="ghost" onClick={clearFilters}>
            Clear filters
          </Button>
        ) : null}
        {domains.data ? (
          <span className="muted small" aria-live="polite">
            {visible.length} of {domains.data.total} domains
          </span>
        ) : null}
      </div>

      {domains.isPending ? (
        <Loading label="Loading domains…" />
      ) : domains.isError ? (
        <ErrorState error={domains.error} onRetry={() => domains.refetch()} />
      ) : visible.length === 0 ? (
        <EmptyState title={active ? 'No domain matches these filters.' : 'No domains yet.'}>
          {!active && me.can.createDomain ? <p>Create the first one to start cutting a trail.</p> : null}
        </EmptyState>
      ) : (
        <div className="board" data-testid="portfolio-board">
          {DOMAIN_STAGES.map((stage) => {
            const list = byStage.get(stage) ?? [];
            return (
              <section
                key={stage}
                className="board-column"
                aria-labelledby={`column-${stage}`}
                data-testid={`column-${stage}`}
              >
                <h2 id={`column-${stage}`} title={PHASE_INFO[stage].description}>
                  {PHASE_INFO[stage].label} <span className="badge badge-muted">{list.length}</span>
                </h2>
                {list.length ? (
                  <ul>
                    {list.map((domain) => (
                      <li key={domain.id}>
                        <DomainCard domain={domain} />
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="muted small">No domain here.</p>
                )}
              </section>
            );
          })}
        </div>
      )}
      <CreateDomainDialog open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
