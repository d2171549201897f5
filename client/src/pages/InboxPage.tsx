import { Link } from 'react-router';
import { notificationPath, type NotificationResolution } from '@shared/api/inbox';
import { Badge } from '../components/Badge';
import { Button } from '../components/Button';
import { FilterCheckbox } from '../components/FilterBar';
import { LoadMore, QueryStates } from '../components/States';
import { useInbox, useMarkRead } from '../features/inbox/hooks';
import { capitalize, formatDateTime, formatRelative } from '../lib/format';
import { flattenPages } from '../lib/pagination';
import { useDocumentTitle } from '../lib/use-document-title';
import { useUrlFilters } from '../lib/use-url-filters';
import { paths } from '../paths';

const FILTER_KEYS = ['unread'] as const;

/** What "done" means for an entry that resolved itself. */
const RESOLUTION_LABELS: Record<NotificationResolution, string> = {
  signed: 'you signed',
  superseded: 'no longer needed from you',
  round_ended: 'the gate round ended',
  recovered: 'the domain recovered',
  moved_on: 'the domain moved on',
};

export function InboxPage() {
  useDocumentTitle('Inbox');
  const { filters, bindFilter } = useUrlFilters(FILTER_KEYS);
  const unreadOnly = filters.unread === 'true';
  const inbox = useInbox(unreadOnly);
  const mark = useMarkRead();
  const entries = flattenPages(inbox.data?.pages);

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Inbox</h1>
          <p>
            Sign-offs asked of you, work assigned to you, weirdness and risk in your domains and what you follow,
            mentions. Requests that were met show as done.
          </p>
          <p className="small">
            <Link to={paths.notificationSettings()}>Notification settings</Link>: what also comes by email, now or as a
            daily digest.
          </p>
        </div>
        <Button
          onClick={() => mark.mutate('all')}
          busy={mark.isPending && mark.variables === 'all'}
          data-testid="inbox-read-all"
        >
          Mark all as read
        </Button>
      </div>
      <div className="filters">
        <FilterCheckbox label="Unread only" {...bindFilter('unread')} testId="inbox-filter-unread" />
      </div>
      <section className="panel" aria-label="Inbox entries">
        <QueryStates
          query={inbox}
          empty={entries.length === 0}
          emptyTitle={unreadOnly ? 'Nothing unread.' : 'Your inbox is empty.'}
        >
          <ul className="item-list" data-testid="inbox-list">
            {entries.map((entry) => {
              const link = notificationPath(entry);
              const open = !entry.readAt && !entry.resolvedAt;
              return (
                <li
                  key={entry.id}
                  className="row-between"
                  data-testid="inbox-entry"
                  data-read={Boolean(entry.readAt)}
                  data-resolved={Boolean(entry.resolvedAt)}
                >
                  <div>
                    <div className="row">
                      {open ? <Badge tone="info">New</Badge> : null}
                      {entry.resolvedAt && entry.resolution ? (
                        <Badge
                          tone="success"
                          title={`Done ${formatDateTime(entry.resolvedAt)}: ${RESOLUTION_LABELS[entry.resolution]}`}
                          testId="inbox-entry-done"
                        >
                          Done · {RESOLUTION_LABELS[entry.resolution]}
                        </Badge>
                      ) : null}
                      <Badge tone="muted">{capitalize(entry.kind)}</Badge>
                      {link ? (
                        <Link to={link} onClick={() => (open ? mark.mutate(entry.id) : undefined)}>
                          {entry.message}
                        </Link>
                      ) : (
                        <span>{entry.message}</span>
                      )}
                    </div>
                    <time className="small muted" dateTime={entry.createdAt} title={formatDateTime(entry.createdAt)}>
                      {formatRelative(entry.createdAt)}
                    </time>
                  </div>
                  {open ? (
                    <Button
                      size="small"
                      variant="ghost"
                      onClick={() => mark.mutate(entry.id)}
                      aria-label={`Mark as read: ${entry.message}`}
                    >
                      Mark read
                    </Button>
                  ) : null}
                </li>
              );
            })}
          </ul>
          <LoadMore pages={inbox} />
        </QueryStates>
      </section>
    </>
  );
}
