import { LoadMore, QueryStates } from '../../components/States';
import { formatDateTime, formatRelative, formatTotal } from '../../lib/format';
import { flattenPages } from '../../lib/pagination';
import { useDomainEvents } from './hooks';

/** What happened in the domain, in the order the server lists it (oldest first). */
export function DomainTimeline({ domainKey }: { domainKey: string }) {
  const events = useDomainEvents(domainKey);
  const items = flattenPages(events.data?.pages);
  return (
    <section className="panel" aria-labelledby="timeline-title">
      <div className="panel-title">
        <h2 id="timeline-title">Timeline</h2>
        {events.data ? (
          <span className="muted small">
            {items.length} of {formatTotal(events.data.pages[0]) ?? items.length} events, oldest first
          </span>
        ) : null}
      </div>
      <QueryStates
        query={events}
        loadingLabel="Loading the timeline…"
        empty={items.length === 0}
        emptyTitle="Nothing has happened yet."
      >
        <ol className="timeline" data-testid="timeline">
          {items.map((e) => (
            <li key={e.id} data-action={e.action}>
              <div>{e.summary}</div>
              <div className="small muted">
                {e.actorName ?? 'System'} ·{' '}
                <time dateTime={e.at} title={formatDateTime(e.at)}>
                  {formatRelative(e.at)}
                </time>
              </div>
            </li>
          ))}
        </ol>
        <LoadMore pages={events} label="Load later events" />
      </QueryStates>
    </section>
  );
}
