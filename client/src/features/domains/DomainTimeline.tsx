import { useState } from 'react';
import { Link } from 'react-router';
import { DOMAIN_EVENT_KINDS, type DomainEventKind } from '@shared/api/domains';
import { LoadMore, QueryStates } from '../../components/States';
import { formatDateTime, formatRelative, formatTotal } from '../../lib/format';
import { flattenPages } from '../../lib/pagination';
import { eventLinkPath } from '../../lib/event-links';
import { useDomainEvents } from './hooks';

const KIND_LABELS: Record<DomainEventKind, string> = {
  lifecycle: 'Gates and phases',
  tickets: 'Tickets',
  artifacts: 'Artifacts',
  weirdness: 'Weirdness',
  comments: 'Discussion',
  people: 'People',
};

/** What happened in the domain, newest first, filtered by kind; each entry links to what it names. */
export function DomainTimeline({ domainKey }: { domainKey: string }) {
  const [kind, setKind] = useState<DomainEventKind | null>(null);
  const events = useDomainEvents(domainKey, kind);
  const items = flattenPages(events.data?.pages);
  return (
    <section className="panel" aria-labelledby="timeline-title">
      <div className="panel-title">
        <h2 id="timeline-title">Timeline</h2>
        {events.data ? (
          <span className="muted small" data-testid="timeline-count">
            {items.length} of {formatTotal(events.data.pages[0]) ?? items.length} events, newest first
          </span>
        ) : null}
      </div>
      <div className="row chips" role="group" aria-label="Show" data-testid="timeline-kinds">
        <button
          type="button"
          className="chip"
          aria-pressed={kind === null}
          onClick={() => setKind(null)}
          data-testid="timeline-kind-all"
        >
          Everything
        </button>
        {DOMAIN_EVENT_KINDS.map((k) => (
          <button
            key={k}
            type="button"
            className="chip"
            aria-pressed={kind === k}
            onClick={() => setKind(k)}
            data-testid={`timeline-kind-${k}`}
          >
            {KIND_LABELS[k]}
          </button>
        ))}
      </div>
      <QueryStates
        query={events}
        loadingLabel="Loading the timeline…"
        empty={items.length === 0}
        emptyTitle={kind ? `No ${KIND_LABELS[kind].toLowerCase()} events yet.` : 'Nothing has happened yet.'}
      >
        <ol className="timeline" data-testid="timeline">
          {items.map((e) => {
            const to = e.link ? eventLinkPath(e.link, domainKey) : null;
            return (
              <li key={e.id} data-action={e.action} data-kind={e.kind ?? undefined}>
                <div>{to ? <Link to={to}>{e.summary}</Link> : e.summary}</div>
                <div className="small muted">
                  {e.actorName ?? 'System'} ·{' '}
                  <time dateTime={e.at} title={formatDateTime(e.at)}>
                    {formatRelative(e.at)}
                  </time>
                </div>
              </li>
            );
          })}
        </ol>
        <LoadMore pages={events} label="Load earlier events" />
      </QueryStates>
    </section>
  );
}
