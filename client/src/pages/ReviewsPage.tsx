import { Link } from 'react-router';
import type { EvidenceSnapshot } from '@shared/api/domains';
import { PHASE_INFO } from '@shared/workflow/definition';
import { Badge } from '../components/Badge';
import { Markdown } from '../components/Markdown';
import { LoadMore, QueryStates } from '../components/States';
import { useDecisions, usePendingReviews } from '../features/reviews/hooks';
import { ROLE_TITLES, capitalize, formatDateTime } from '../lib/format';
import { flattenPages } from '../lib/pagination';
import { useDocumentTitle } from '../lib/use-document-title';
import { paths } from '../paths';

export function ReviewsPage() {
  useDocumentTitle('Reviews');
  const pending = usePendingReviews();
  const decisions = useDecisions();
  const waiting = pending.data ?? [];
  const past = flattenPages(decisions.data?.pages);

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Reviews</h1>
          <p>Gates waiting for your sign-off, and past sign-off decisions with the evidence each signer saw.</p>
        </div>
      </div>
      <section className="panel" aria-labelledby="pending-title">
        <h2 id="pending-title">Waiting for me</h2>
        <QueryStates query={pending} empty={waiting.length === 0} emptyTitle="Nothing waits for your sign-off.">
          <ul className="item-list" data-testid="pending-reviews">
            {waiting.map((p) => (
              <li key={`${p.domainKey}-${p.role}`} className="row-between">
                <span>
                  <Link to={paths.domain(p.domainKey)}>{p.domainName}</Link>: exit gate of {PHASE_INFO[p.phase].label}
                </span>
                <span className="row">
                  {p.stale ? (
                    <Badge tone="warning" title="You signed before, but the evidence changed since">
                      Asked again
                    </Badge>
                  ) : null}
                  <Badge tone="info">as {ROLE_TITLES[p.role]}</Badge>
                  <Link className="btn btn-primary btn-small" to={paths.domain(p.domainKey)}>
                    Review gate
                  </Link>
                </span>
              </li>
            ))}
          </ul>
        </QueryStates>
      </section>
      <section className="panel" aria-labelledby="decisions-title">
        <h2 id="decisions-title">Past decisions</h2>
        <QueryStates query={decisions} empty={past.length === 0} emptyTitle="No sign-off decisions yet.">
          <ul className="item-list" data-testid="past-decisions">
            {past.map((d) => (
              <li key={d.id} data-testid={`decision-${d.id}`}>
                <div className="row-between">
                  <span>
                    <Link to={paths.domain(d.domainKey)}>{d.domainName ?? d.domainKey}</Link>: exit gate of{' '}
                    {PHASE_INFO[d.phase].label}, round {d.round}
                  </span>
                  <span className="row">
                    <Badge tone={d.decision === 'approve' ? 'success' : 'danger'}>
                      {d.decision === 'approve' ? 'Approved' : 'Rejected'}
                    </Badge>
                    {d.stale ? (
                      <Badge tone="warning" title={d.staleReason ?? undefined}>
                        Stale
                      </Badge>
                    ) : null}
                    {d.withdrawn ? (
                      <Badge
                        tone="muted"
                        title={d.withdrawn.reason || 'The signer took it back'}
                        testId="decision-withdrawn"
                      >
                        Withdrawn {formatDateTime(d.withdrawn.at)}
                      </Badge>
                    ) : d.superseded ? (
                      <Badge tone="muted" title="A later sign-off or gate round replaced this one">
                        Superseded
                      </Badge>
                    ) : null}
                    <Badge tone="muted">as {ROLE_TITLES[d.role]}</Badge>
                  </span>
                </div>
                <div className="small muted">
                  {d.user.name}, {formatDateTime(d.createdAt)}
                </div>
                {d.comment ? <Markdown text={d.comment} /> : null}
                <Evidence evidence={d.evidence} />
              </li>
            ))}
          </ul>
          <LoadMore pages={decisions} />
        </QueryStates>
      </section>
    </>
  );
}

/** What the signer saw, frozen at signing time. */
function Evidence({ evidence }: { evidence: EvidenceSnapshot | null | undefined }) {
  if (!evidence) return null;
  return (
    <details className="evidence" data-testid="evidence">
      <summary>Evidence seen at signing ({formatDateTime(evidence.capturedAt)})</summary>
      <table className="criteria-table">
        <thead>
          <tr>
            <th scope="col">Criterion</th>
            <th scope="col">Value</th>
            <th scope="col">Needs</th>
            <th scope="col">Result</th>
          </tr>
        </thead>
        <tbody>
          {evidence.criteria.map((c) => (
            <tr key={c.key}>
              <th scope="row">{c.label}</th>
              <td>{c.value}</td>
              <td>{c.threshold}</td>
              <td>{c.waived ? 'Waived' : c.passed ? 'Passed' : 'Not met'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4 style={{ marginTop: '0.5rem' }}>Open items</h4>
      {evidence.openItems.length ? (
        <ul>
          {evidence.openItems.map((item) => (
            <li key={`${item.kind}-${item.ref}`}>
              {item.kind === 'ticket' ? (
                <Link to={paths.ticket(item.ref)}>{item.ref}</Link>
              ) : (
                // an investigation's ref is already written "#54"
                <Link to={paths.investigation(item.ref.replace(/^#/, ''))}>{item.ref}</Link>
              )}{' '}
              {item.title}
              {item.priority ? ` (${capitalize(item.priority)} priority)` : ''}
              {item.severity ? ` (${capitalize(item.severity)} severity)` : ''}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">No open items.</p>
      )}
    </details>
  );
}
