import { useEffect } from 'react';
import type { DomainStage } from '@shared/api/enums';
import { PHASE_INFO } from '@shared/workflow/definition';
import { ErrorState, LoadMore, Loading } from '../../components/States';
import { flattenPages, showMoreLabel } from '../../lib/pagination';
import type { DomainFilters } from './api';
import { DomainCard } from './DomainCard';
import { useDomainColumn } from './hooks';

/** What a column has loaded, for the board's "N of M domains" line. */
export interface ColumnCount {
  shown: number;
  total: number;
  /** the largest weekly count of the cards' sparklines, for the board's one scale */
  oddityMax: number;
}

const MORE_STYLE = { marginTop: '0.6rem', width: '100%' };

interface BoardColumnProps {
  stage: DomainStage;
  filters: Omit<DomainFilters, 'stage'>;
  onCount: (stage: DomainStage, count: ColumnCount | null) => void;
  /** the top of every card's sparkline on the board: one scale for all */
  oddityScale: number;
}

/**
 * One phase of the portfolio board, at-risk and stalled domains first. It asks for its own first
 * page (the columns load side by side), so a thousand domains cost six small pages, and "Show
 * more" adds the next page: the board never holds more cards than someone has asked to see.
 */
export function BoardColumn({ stage, filters, onCount, oddityScale }: BoardColumnProps) {
  const column = useDomainColumn({ ...filters, stage });
  const items = flattenPages(column.data?.pages);
  const total = column.data?.pages[0]?.total;
  const oddityMax = Math.max(0, ...items.flatMap((domain) => domain.oddity));

  useEffect(() => {
    onCount(stage, total === undefined ? null : { shown: items.length, total, oddityMax });
  }, [onCount, stage, items.length, total, oddityMax]);

  return (
    <section className="board-column" aria-labelledby={`column-${stage}`} data-testid={`column-${stage}`}>
      <h2 id={`column-${stage}`} title={PHASE_INFO[stage].description}>
        {PHASE_INFO[stage].label}{' '}
        <span className="badge badge-muted" data-testid={`column-total-${stage}`}>
          {total ?? '…'}
        </span>
      </h2>
      {column.isPending ? (
        <Loading label="Loading…" />
      ) : column.isError ? (
        <ErrorState error={column.error} onRetry={() => column.refetch()} />
      ) : items.length ? (
        <ul>
          {items.map((domain) => (
            <li key={domain.id}>
              <DomainCard domain={domain} oddityScale={oddityScale} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">No domain here.</p>
      )}
      <LoadMore
        pages={column}
        label={showMoreLabel(column.data?.pages[0], items.length)}
        size="small"
        style={MORE_STYLE}
        testId={`column-more-${stage}`}
      />
    </section>
  );
}
