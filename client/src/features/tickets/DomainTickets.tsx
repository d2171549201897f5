import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import type { CurrentUser } from '@shared/api/auth';
import type { DomainView } from '@shared/api/domains';
import { KIND_OPTIONS, PHASES, PHASE_OPTIONS, STATUS_OPTIONS, isPhaseOrNull } from './ticket-options';
import type { Phase } from '@shared/api/enums';
import type { TicketView } from '@shared/api/tickets';
import { PHASE_INFO } from '@shared/workflow/definition';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { FilterBar, FilterSelect } from '../../components/FilterBar';
import { SearchInput } from '../../components/SearchInput';
import { PagedGroup } from '../../components/PagedGroup';
import { EmptyState, Loading } from '../../components/States';
import { TICKET_KIND_LABELS, TICKET_STATUS_LABELS, capitalize, levelTone, pluralize } from '../../lib/format';
import { useSectionTotals, type SectionTotal } from '../../lib/use-section-totals';
import { useUrlFilters } from '../../lib/use-url-filters';
import { paths } from '../../paths';
import { UserSelect } from '../users/UserSelect';
import type { TicketFilters } from './api';
import { useDomainTickets } from './hooks';
import { TicketControls } from './TicketControls';
import { TicketFormDialog } from './TicketFormDialog';

const FILTER_KEYS = ['phase', 'status', 'kind', 'assignee', 'q'] as const;

/**
 * The domain's tickets, grouped by the phase they belong to, with create, edit, assign and status.
 * Each phase asks for its own first page (newest first) and shows its total; "Show more" adds the
 * next page, so a domain with years of tickets costs one small page per phase.
 */
export function DomainTickets({ domain, me }: { domain: DomainView; me: CurrentUser }) {
  const { filters, clearFilters, active, bindFilter } = useUrlFilters(FILTER_KEYS);
  const phases = filters.phase ? PHASES.filter((p) => p === filters.phase) : PHASES;
  const sections = useSectionTotals(phases);
  const [editing, setEditing] = useState<TicketView | 'new' | null>(null);
  const mayMutate = me.can.contribute;
  const currentPhase = isPhaseOrNull(domain.stage) ?? 'confidence';

  return (
    <section className="panel" aria-labelledby="tickets-title">
      <div className="panel-title">
        <h2 id="tickets-title">Tickets</h2>
        {mayMutate ? (
          <Button
            variant="primary"
            onClick={() => setEditing('new')}
            disabledReason={domain.can.createTicket ? null : 'You cannot create tickets in this domain'}
            data-testid="new-ticket"
          >
            New ticket
          </Button>
        ) : null}
      </div>
      <FilterBar label="Filter tickets" active={active} onClear={clearFilters}>
        <SearchInput {...bindFilter('q')} label="Search tickets" testId="ticket-filter-q" />
        <FilterSelect label="Phase" {...bindFilter('phase')} options={PHASE_OPTIONS} testId="ticket-filter-phase" />
        <FilterSelect label="Status" {...bindFilter('status')} options={STATUS_OPTIONS} testId="ticket-filter-status" />
        <FilterSelect label="Kind" {...bindFilter('kind')} options={KIND_OPTIONS} testId="ticket-filter-kind" />
        <UserSelect
          aria-label="Assignee"
          {...bindFilter('assignee')}
          emptyLabel="Any assignee"
          testId="ticket-filter-assignee"
        />
      </FilterBar>

      {phases.map((phase) => (
        <PhaseTickets
          key={phase}
          domainKey={domain.key}
          phase={phase}
          filters={filters}
          onTotal={sections.report}
          mayMutate={mayMutate}
          onEdit={setEditing}
        />
      ))}
      {sections.waiting ? <Loading label="Loading tickets…" /> : null}
      {sections.empty ? <EmptyState title={active ? 'No ticket matches these filters.' : 'No tickets yet.'} /> : null}
      <TicketFormDialog
        open={editing !== null}
        onClose={() => setEditing(null)}
        domainKey={domain.key}
        ticket={editing && editing !== 'new' ? editing : undefined}
        defaultPhase={filters.phase ? (isPhaseOrNull(filters.phase) ?? currentPhase) : currentPhase}
      />
    </section>
  );
}

interface PhaseTicketsProps {
  domainKey: string;
  phase: Phase;
  filters: TicketFilters;
  onTotal: (phase: Phase, total: SectionTotal) => void;
  mayMutate: boolean;
  onEdit: (ticket: TicketView) => void;
}

/** The tickets of one phase matching the filters, a page at a time. */
function PhaseTickets({ domainKey, phase, filters, onTotal, mayMutate, onEdit }: PhaseTicketsProps) {
  const tickets = useDomainTickets(domainKey, { ...filters, phase });
  const handleTotal = useCallback((total: SectionTotal) => onTotal(phase, total), [onTotal, phase]);
  return (
    <PagedGroup
      query={tickets}
      title={PHASE_INFO[phase].label}
      count={(total) => pluralize(total, 'ticket')}
      testId={`tickets-phase-${phase}`}
      onTotal={handleTotal}
    >
      {(items) => (
        <ul className="item-list">
          {items.map((ticket) => (
            <TicketRow key={ticket.id} ticket={ticket} mayMutate={mayMutate} onEdit={() => onEdit(ticket)} />
          ))}
        </ul>
      )}
    </PagedGroup>
  );
}

function TicketRow({ ticket, mayMutate, onEdit }: { ticket: TicketView; mayMutate: boolean; onEdit: () => void }) {
  return (
    <li className="ticket-row" data-testid={`ticket-row-${ticket.key}`}>
      <Link to={paths.ticket(ticket.key)} className="mono">
        {ticket.key}
      </Link>
      <div>
        <div>{ticket.title}</div>
        <div className="row small">
          <Badge tone="neutral">{TICKET_KIND_LABELS[ticket.kind]}</Badge>
          <Badge tone={levelTone(ticket.priority)}>{capitalize(ticket.priority)}</Badge>
          {!mayMutate ? <Badge tone="muted">{TICKET_STATUS_LABELS[ticket.status]}</Badge> : null}
          {!mayMutate && ticket.assignee ? <span className="muted">{ticket.assignee.name}</span> : null}
          {ticket.commentCount ? <span className="muted">{pluralize(ticket.commentCount, 'comment')}</span> : null}
        </div>
      </div>
      <span className="ticket-row-controls">
        <TicketControls ticket={ticket} mayMutate={mayMutate} />
        {mayMutate ? (
          <Button
            size="small"
            onClick={onEdit}
            disabledReason={ticket.can.edit ? null : 'You cannot edit this ticket'}
            aria-label={`Edit ${ticket.key}`}
            data-testid={`edit-ticket-${ticket.key}`}
          >
            Edit
          </Button>
        ) : null}
      </span>
    </li>
  );
}
