import { useState } from 'react';
import { Link } from 'react-router';
import type { CurrentUser } from '@shared/api/auth';
import type { DomainView } from '@shared/api/domains';
import { PHASES, TICKET_KINDS, TICKET_STATUSES, isPhaseOrNull } from './ticket-options';
import type { TicketView } from '@shared/api/tickets';
import { PHASE_INFO } from '@shared/workflow/definition';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { SearchInput } from '../../components/SearchInput';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import { TICKET_KIND_LABELS, TICKET_STATUS_LABELS, capitalize, levelTone, pluralize } from '../../lib/format';
import { useUrlFilters } from '../../lib/use-url-filters';
import { paths } from '../../paths';
import { UserSelect } from '../users/UserSelect';
import { useDomainTickets } from './hooks';
import { TicketControls } from './TicketControls';
import { TicketFormDialog } from './TicketFormDialog';

const FILTER_KEYS = ['phase', 'status', 'kind', 'assignee', 'q'] as const;

/** The domain's tickets, grouped by the phase they belong to, with create, edit, assign and status. */
export function DomainTickets({ domain, me }: { domain: DomainView; me: CurrentUser }) {
  const { filters, setFilter, clearFilters, active } = useUrlFilters(FILTER_KEYS);
  const tickets = useDomainTickets(domain.key, filters);
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
      <div className="filters" role="search" aria-label="Filter tickets">
        <SearchInput
          value={filters.q}
          onChange={(v) => setFilter('q', v)}
          label="Search tickets"
          testId="ticket-filter-q"
        />
        <select
          aria-label="Phase"
          value={filters.phase}
          onChange={(e) => setFilter('phase', e.target.value)}
          data-testid="ticket-filter-phase"
        >
          <option value="">Any phase</option>
          {PHASES.map((p) => (
            <option key={p} value={p}>
              {PHASE_INFO[p].label}
            </option>
          ))}
        </select>
        <select
          aria-label="Status"
          value={filters.status}
          onChange={(e) => setFilter('status', e.target.value)}
          data-testid="ticket-filter-status"
        >
          <option value="">Any status</option>
          {TICKET_STATUSES.map((s) => (
            <option key={s} value={s}>
              {TICKET_STATUS_LABELS[s]}
            </option>
          ))}
        </select>
        <select
          aria-label="Kind"
          value={filters.kind}
          onChange={(e) => setFilter('kind', e.target.value)}
          data-testid="ticket-filter-kind"
        >
          <option value="">Any kind</option>
          {TICKET_KINDS.map((k) => (
            <option key={k} value={k}>
              {TICKET_KIND_LABELS[k]}
            </option>
          ))}
        </select>
        <UserSelect
          aria-label="Assignee"
          value={filters.assignee}
          onChange={(v) => setFilter('assignee', v)}
          emptyLabel="Any assignee"
          testId="ticket-filter-assignee"
        />
        {active ? (
          <Button size="small" variant="ghost" onClick={clearFilters}>
            Clear filters
          </Button>
        ) : null}
      </div>

      {tickets.isPending ? (
        <Loading label="Loading tickets…" />
      ) : tickets.isError ? (
        <ErrorState error={tickets.error} onRetry={() => tickets.refetch()} />
      ) : tickets.data.items.length === 0 ? (
        <EmptyState title={active ? 'No ticket matches these filters.' : 'No tickets yet.'} />
      ) : (
        PHASES.map((phase) => {
          const list = tickets.data.items.filter((t) => t.phase === phase);
          if (!list.length) return null;
          return (
            <div key={phase} className="phase-group" data-testid={`tickets-phase-${phase}`}>
              <h3>
                {PHASE_INFO[phase].label} <Badge tone="muted">{pluralize(list.length, 'ticket')}</Badge>
              </h3>
              <ul className="item-list">
                {list.map((ticket) => (
                  <li key={ticket.id} className="ticket-row" data-testid={`ticket-row-${ticket.key}`}>
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
                        {ticket.commentCount ? (
                          <span className="muted">{pluralize(ticket.commentCount, 'comment')}</span>
                        ) : null}
                      </div>
                    </div>
                    <span className="ticket-row-controls">
                      <TicketControls ticket={ticket} mayMutate={mayMutate} />
                      {mayMutate ? (
                        <Button
                          size="small"
                          onClick={() => setEditing(ticket)}
                          disabledReason={ticket.can.edit ? null : 'You cannot edit this ticket'}
                          aria-label={`Edit ${ticket.key}`}
                          data-testid={`edit-ticket-${ticket.key}`}
                        >
                          Edit
                        </Button>
                      ) : null}
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          );
        })
      )}
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
