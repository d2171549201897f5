import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { PHASE_INFO } from '@shared/workflow/definition';
import { Badge } from '../components/Badge';
import { Button } from '../components/Button';
import { CommentThread } from '../components/CommentThread';
import { Markdown } from '../components/Markdown';
import { ErrorState, Loading } from '../components/States';
import { useMe } from '../features/auth/hooks';
import { useAddTicketComment, useTicket, useTicketComments } from '../features/tickets/hooks';
import { TicketControls } from '../features/tickets/TicketControls';
import { TicketFormDialog } from '../features/tickets/TicketFormDialog';
import { isApiError } from '../lib/api';
import { capitalize, formatCalendarDay, formatDate, levelTone, TICKET_KIND_LABELS, TICKET_STATUS_LABELS, ticketStatusTone } from '../lib/format';
import { useDocumentTitle } from '../lib/use-document-title';
import { paths } from '../paths';

export function TicketPage() {
  const { ticketKey = '' } = useParams();
  const me = useMe();
  const ticket = useTicket(ticketKey);
  const comments = useTicketComments(ticketKey);
  const addComment = useAddTicketComment(ticketKey);
  const [editing, setEditing] = useState(false);
  useDocumentTitle(ticket.data ? `${ticket.data.key} ${ticket.data.title}` : ticketKey);

  if (ticket.isPending) return <Loading label="Loading the ticket…" />;
  if (ticket.isError)
    return (
      <ErrorState
        error={ticket.error}
        title={
          isApiError(ticket.error) && ticket.error.status === 404
            ? `There is no ticket ${ticketKey}`
            : 'Could not load the ticket'
        }
        onRetry={() => ticket.refetch()}
      />
    );
  const t = ticket.data;
  const mayMutate = me.can.contribute;

  return (
    <>
      <div className="breadcrumb">
        <Link to={paths.portfolio()}>Portfolio</Link> /{' '}
        <Link to={paths.domain(t.domainKey, 'tickets')}>{t.domainKey}</Link> / {t.key}
      </div>
      <div className="page-header">
        <div>
          <h1 data-testid="ticket-heading">
            <span className="domain-card-key">{t.key}</span> {t.title}
          </h1>
          <div className="row">
            <Badge tone={ticketStatusTone(t.status)} testId="ticket-status-badge">
              {TICKET_STATUS_LABELS[t.status]}
            </Badge>
            <Badge tone={levelTone(t.priority)}>{capitalize(t.priority)} priority</Badge>
            <Badge tone="neutral">{TICKET_KIND_LABELS[t.kind]}</Badge>
          </div>
        </div>
        {mayMutate ? (
          <div className="row">
            <TicketControls ticket={t} mayMutate={mayMutate} />
            <Button
              variant="primary"
              onClick={() => setEditing(true)}
              disabledReason={t.can.edit ? null : 'You cannot edit this ticket'}
              data-testid="edit-ticket"
            >
              Edit
            </Button>
          </div>
        ) : null}
      </div>
      <div className="grid-2">
        <div className="stack">
          <section className="panel" aria-labelledby="ticket-body-title">
            <h2 id="ticket-body-title">Description</h2>
            <div data-testid="ticket-body">
              <Markdown text={t.body} />
            </div>
          </section>
          <CommentThread
            comments={comments.data}
            loading={comments.isPending}
            loadError={comments.error}
            onRetry={() => comments.refetch()}
            onAdd={
              mayMutate && t.can.comment ? (body, done) => addComment.mutate({ body }, { onSuccess: done }) : undefined
            }
            adding={addComment.isPending}
            addError={addComment.error}
          />
        </div>
        <aside className="panel" aria-label="Ticket details">
          <dl className="props">
            <dt>Domain</dt>
            <dd>
              <Link to={paths.domain(t.domainKey)}>{t.domainKey}</Link>
            </dd>
            <dt>Phase</dt>
            <dd>{PHASE_INFO[t.phase].label}</dd>
            <dt>Assignee</dt>
            <dd data-testid="ticket-assignee-name">{t.assignee?.name ?? 'Unassigned'}</dd>
            <dt>Reporter</dt>
            <dd>{t.reporter?.name ?? '—'}</dd>
            <dt>Due</dt>
            <dd>{formatCalendarDay(t.dueDate)}</dd>
            <dt>Labels</dt>
            <dd>
              {t.labels.length
                ? t.labels.map((l) => (
                    <Badge key={l} tone="muted">
                      {l}
                    </Badge>
                  ))
                : '—'}
            </dd>
            {t.investigationId ? (
              <>
                <dt>Investigation</dt>
                <dd>
                  <Link to={paths.investigation(t.investigationId)}>#{t.investigationId}</Link>
                </dd>
              </>
            ) : null}
            <dt>Created</dt>
            <dd>{formatDate(t.createdAt)}</dd>
            <dt>Updated</dt>
            <dd>{formatDate(t.updatedAt)}</dd>
          </dl>
        </aside>
      </div>
      <TicketFormDialog open={editing} onClose={() => setEditing(false)} domainKey={t.domainKey} ticket={t} />
    </>
  );
}
