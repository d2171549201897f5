import { Link } from 'react-router';
import type { AuditEventView } from '@shared/api/audit';
import { Forbidden } from '../components/Forbidden';
import { FilterBar, FilterSelect } from '../components/FilterBar';
import { toOptions } from '../components/OptionSelect';
import { SearchInput } from '../components/SearchInput';
import { LoadMore, QueryStates } from '../components/States';
import { AdminNav } from '../features/admin/AdminNav';
import { useAudit } from '../features/admin/hooks';
import { useMe } from '../features/auth/hooks';
import { UserSelect } from '../features/users/UserSelect';
import { API_BASE, toQueryString } from '../lib/api';
import { eventLinkPath } from '../lib/event-links';
import { formatDateTime, formatTotal, zonedInstant } from '../lib/format';
import { flattenPages } from '../lib/pagination';
import { useDocumentTitle } from '../lib/use-document-title';
import { useUrlFilters } from '../lib/use-url-filters';
import { paths } from '../paths';

const FILTER_KEYS = ['actor', 'entityType', 'action', 'from', 'to'] as const;
const ENTITY_TYPES = [
  'domain',
  'domain_member',
  'sign_off',
  'waiver',
  'ticket',
  'comment',
  'artifact',
  'caveat',
  'investigation',
  'user',
  'setting',
  'root_cause',
  'api_token',
  'webhook',
];
const ENTITY_LABELS: Record<string, string> = {
  domain: 'Domain',
  domain_member: 'Domain member',
  sign_off: 'Sign-off',
  waiver: 'Waiver',
  gate_addition: 'Gate addition',
  ticket: 'Ticket',
  comment: 'Comment',
  artifact: 'Artifact',
  caveat: 'Caveat',
  investigation: 'Investigation',
  user: 'Person',
  setting: 'Setting',
  root_cause: 'Root cause',
  api_token: 'API token',
  webhook: 'Webhook',
  webhook_delivery: 'Webhook delivery',
  notification: 'Inbox entry',
};
const ENTITY_TYPE_OPTIONS = toOptions(ENTITY_TYPES, (t) => ENTITY_LABELS[t] ?? t.replace(/_/g, ' '));

/** The event in words, linked to what it names. */
function AuditSummary({ event }: { event: AuditEventView }) {
  const to = event.link ? eventLinkPath(event.link, event.domainKey) : null;
  return to ? (
    <Link to={to} data-testid="audit-summary">
      {event.summary}
    </Link>
  ) : (
    <span data-testid="audit-summary">{event.summary}</span>
  );
}

function toIso(date: string, endOfDay: boolean): string | undefined {
  if (!date) return undefined;
  // the day as the person's time zone has it (Settings → Profile), not the browser's
  return zonedInstant(date, endOfDay ? '23:59:59.999' : '00:00:00');
}

export function AdminAuditPage() {
  useDocumentTitle('Audit log');
  const me = useMe();
  const { filters, setFilter, clearFilters, active, bindFilter } = useUrlFilters(FILTER_KEYS);
  const query = {
    actor: filters.actor,
    entityType: filters.entityType,
    action: filters.action,
    from: toIso(filters.from, false),
    to: toIso(filters.to, true),
  };
  const audit = useAudit(query);
  const items = flattenPages(audit.data?.pages);
  const total = formatTotal(audit.data?.pages[0]);
  if (!me.can.readAudit) return <Forbidden what="read the audit log" />;

  return (
    <>
      <h1>Admin</h1>
      <AdminNav me={me} />
      <section className="panel" aria-labelledby="audit-title">
        <div className="panel-title">
          <h2 id="audit-title">Audit log</h2>
          <a className="btn btn-small" href={`${API_BASE}/audit.csv${toQueryString(query)}`} download>
            Export CSV
          </a>
        </div>
        <FilterBar
          label="Filter the audit log"
          active={active}
          onClear={clearFilters}
          count={total !== undefined ? `${total} events` : undefined}
          countTestId="audit-total"
        >
          <UserSelect aria-label="Actor" {...bindFilter('actor')} emptyLabel="Any actor" testId="audit-filter-actor" />
          <FilterSelect
            label="Entity type"
            anyLabel="Any entity"
            {...bindFilter('entityType')}
            options={ENTITY_TYPE_OPTIONS}
            testId="audit-filter-entity"
          />
          <SearchInput
            {...bindFilter('action')}
            label="Action"
            placeholder="Action, e.g. domain.advance"
            testId="audit-filter-action"
          />
          <label className="row small">
            From{' '}
            <input
              type="date"
              value={filters.from}
              onChange={(e) => setFilter('from', e.target.value)}
              aria-label="From date"
            />
          </label>
          <label className="row small">
            To{' '}
            <input
              type="date"
              value={filters.to}
              onChange={(e) => setFilter('to', e.target.value)}
              aria-label="To date"
            />
          </label>
        </FilterBar>
        <QueryStates query={audit} empty={items.length === 0} emptyTitle="No audit event matches.">
          <div className="table-wrap">
            <table className="data-table" data-testid="audit-table">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">What happened</th>
                  <th scope="col">On</th>
                  <th scope="col">Change</th>
                </tr>
              </thead>
              <tbody>
                {items.map((e) => (
                  <tr key={e.id}>
                    <td className="nowrap">{formatDateTime(e.at)}</td>
                    <td>
                      {e.actorId ? (
                        <Link
                          to={`${paths.adminAudit()}${toQueryString({ actor: e.actorId })}`}
                          title="Everything this person did"
                          data-testid="audit-actor"
                        >
                          {e.actorName ?? 'Someone'}
                        </Link>
                      ) : (
                        'System'
                      )}
                    </td>
                    <td>
                      <AuditSummary event={e} />
                      <div className="small muted mono" title="The action code, for filters and exports">
                        {e.action}
                      </div>
                    </td>
                    <td>
                      {ENTITY_LABELS[e.entityType] ?? e.entityType.replace(/_/g, ' ')}
                      {e.domainKey ? (
                        <div className="small">
                          <Link to={paths.domain(e.domainKey)}>{e.domainKey}</Link>
                        </div>
                      ) : null}
                    </td>
                    <td>
                      <details>
                        <summary>Before / after</summary>
                        <pre>{JSON.stringify({ before: e.before, after: e.after }, null, 2)}</pre>
                        {e.requestId ? <div className="small muted">Request {e.requestId}</div> : null}
                      </details>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <LoadMore pages={audit} style={{ marginTop: '0.75rem' }} />
        </QueryStates>
      </section>
    </>
  );
}
