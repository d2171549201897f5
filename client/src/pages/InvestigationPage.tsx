import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { InvestigationTransition } from '@shared/workflow/investigation';
import { Badge } from '../components/Badge';
import { Button } from '../components/Button';
import { CommentThread } from '../components/CommentThread';
import { Markdown } from '../components/Markdown';
import { ErrorState, Loading } from '../components/States';
import { useMe } from '../features/auth/hooks';
import { EditInvestigationDialog } from '../features/investigations/EditInvestigationDialog';
import {
  useAddInvestigationComment,
  useInvestigation,
  useInvestigationComments,
  useRootCauses,
} from '../features/investigations/hooks';
import { TRANSITION_LABELS, TransitionDialog } from '../features/investigations/TransitionDialog';
import { TicketFormDialog } from '../features/tickets/TicketFormDialog';
import { isApiError } from '../lib/api';
import {
  INVESTIGATION_STATUS_LABELS,
  capitalize,
  formatDateTime,
  investigationStatusTone,
  levelTone,
} from '../lib/format';
import { useDocumentTitle } from '../lib/use-document-title';
import { paths } from '../paths';

export function InvestigationPage() {
  const { id: idParam = '' } = useParams();
  const id = Number(idParam);
  const me = useMe();
  const investigation = useInvestigation(id);
  const comments = useInvestigationComments(id);
  const addComment = useAddInvestigationComment(id);
  const rootCauses = useRootCauses();
  const [transition, setTransition] = useState<InvestigationTransition | null>(null);
  const [editing, setEditing] = useState(false);
  const [followUp, setFollowUp] = useState(false);
  useDocumentTitle(investigation.data ? `#${id} ${investigation.data.title}` : `Investigation ${idParam}`);

  if (!Number.isInteger(id) || id <= 0) return <ErrorState error={new Error('That is not an investigation number.')} />;
  if (investigation.isPending) return <Loading label="Loading the investigation…" />;
  if (investigation.isError)
    return (
      <ErrorState
        error={investigation.error}
        title={
          isApiError(investigation.error) && investigation.error.status === 404
            ? `There is no investigation #${id}`
            : 'Could not load the investigation'
        }
        onRetry={() => investigation.refetch()}
      />
    );
  const inv = investigation.data;
  const mayMutate = me.can.contribute;
  const moves: InvestigationTransition[] = [...inv.can.transitions.filter((t) => t !== inv.status)];
  if (inv.can.reopen && !moves.includes('reopened')) moves.push('reopened');
  const rootCauseLabel =
    rootCauses.data?.find((rc) => rc.key === inv.rootCause)?.label ??
    (inv.rootCause ? capitalize(inv.rootCause) : null);

  return (
    <>
      <div className="breadcrumb">
        <Link to={paths.weirdness()}>Weirdness log</Link> /{' '}
        <Link to={paths.domain(inv.domainKey, 'weirdness')}>{inv.domainName || inv.domainKey}</Link> / #{inv.id}
      </div>
      <div className="page-header">
        <div>
          <h1 data-testid="investigation-heading">
            <span className="domain-card-key">#{inv.id}</span> {inv.title}
          </h1>
          <div className="row">
            <Badge tone={investigationStatusTone(inv.status)} testId="investigation-status">
              {INVESTIGATION_STATUS_LABELS[inv.status]}
            </Badge>
            <Badge tone={levelTone(inv.severity)} testId="investigation-severity-badge">
              {capitalize(inv.severity)} severity
            </Badge>
            {inv.overdue ? <Badge tone="danger">Overdue for triage</Badge> : null}
          </div>
        </div>
        {mayMutate ? (
          <div className="row" data-testid="investigation-actions">
            {moves.map((to) => (
              <Button
                key={to}
                variant={to === 'resolved' ? 'primary' : 'secondary'}
                onClick={() => setTransition(to)}
                data-testid={`transition-${to}`}
              >
                {TRANSITION_LABELS[to]}
              </Button>
            ))}
            <Button
              onClick={() => setEditing(true)}
              disabledReason={inv.can.edit ? null : 'You cannot edit this investigation'}
              data-testid="edit-investigation"
            >
              Edit
            </Button>
          </div>
        ) : null}
      </div>
      <div className="grid-2">
        <div className="stack">
          <section className="panel" aria-labelledby="observed-title">
            <h2 id="observed-title">What was observed</h2>
            <div data-testid="investigation-observed-text">
              <Markdown text={inv.observed} />
            </div>
            <h2 style={{ marginTop: '1rem' }}>What was expected</h2>
            <Markdown text={inv.expected} emptyText="Not stated." />
          </section>
          {inv.status === 'resolved' || inv.status === 'dismissed' ? (
            <section className="panel" aria-labelledby="outcome-title">
              <h2 id="outcome-title">{inv.status === 'resolved' ? 'Resolution' : 'Dismissed'}</h2>
              {inv.status === 'resolved' ? (
                <>
                  <p>
                    <strong>Root cause:</strong> {rootCauseLabel ?? '—'}
                  </p>
                  <Markdown text={inv.resolution ?? ''} />
                </>
              ) : (
                <Markdown text={inv.dismissReason ?? ''} />
              )}
            </section>
          ) : null}
          <section className="panel" aria-labelledby="followups-title">
            <div className="panel-title">
              <h2 id="followups-title">Follow-up tickets</h2>
              {mayMutate ? (
                <Button size="small" onClick={() => setFollowUp(true)} data-testid="new-follow-up">
                  New follow-up ticket
                </Button>
              ) : null}
            </div>
            {inv.followUpTickets.length ? (
              <ul className="item-list">
                {inv.followUpTickets.map((t) => (
                  <li key={t.key}>
                    <Link to={paths.ticket(t.key)} className="mono">
                      {t.key}
                    </Link>{' '}
                    {t.title} <Badge tone="muted">{capitalize(t.status)}</Badge>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">No follow-up tickets.</p>
            )}
          </section>
          <CommentThread
            comments={comments.data}
            loading={comments.isPending}
            loadError={comments.error}
            onRetry={() => comments.refetch()}
            onAdd={mayMutate ? (body, done) => addComment.mutate({ body }, { onSuccess: done }) : undefined}
            adding={addComment.isPending}
            addError={addComment.error}
          />
        </div>
        <aside className="panel" aria-label="Investigation details">
          <dl className="props">
            <dt>Domain</dt>
            <dd>
              <Link to={paths.domain(inv.domainKey)}>{inv.domainName || inv.domainKey}</Link>
            </dd>
            <dt>Where</dt>
            <dd>{inv.artifactName ?? '—'}</dd>
            <dt>Reporter</dt>
            <dd>{inv.reporter?.name ?? '—'}</dd>
            <dt>Investigator</dt>
            <dd data-testid="investigation-investigator-name">{inv.investigator?.name ?? 'Nobody yet'}</dd>
            <dt>Reported</dt>
            <dd>{formatDateTime(inv.reportedAt)}</dd>
            <dt>Triaged</dt>
            <dd>{formatDateTime(inv.triagedAt)}</dd>
            <dt>Closed</dt>
            <dd>{formatDateTime(inv.closedAt)}</dd>
          </dl>
        </aside>
      </div>
      <TransitionDialog investigation={inv} to={transition} onClose={() => setTransition(null)} />
      <EditInvestigationDialog open={editing} onClose={() => setEditing(false)} investigation={inv} />
      <TicketFormDialog
        open={followUp}
        onClose={() => setFollowUp(false)}
        domainKey={inv.domainKey}
        investigationId={inv.id}
        defaultKind="data_collection"
        defaultPhase="weirdness"
        defaultTitle={`Follow up: ${inv.title}`}
      />
    </>
  );
}
