import { Link } from 'react-router';
import { PHASE_INFO } from '@shared/workflow/definition';
import { Badge } from '../components/Badge';
import { EmptyState, ErrorState, Loading } from '../components/States';
import { InvestigationTable } from '../features/investigations/InvestigationTable';
import { useMyWork } from '../features/work/hooks';
import { capitalize, formatCalendarDay, levelTone, TICKET_STATUS_LABELS, ticketStatusTone } from '../lib/format';
import { useDocumentTitle } from '../lib/use-document-title';
import { paths } from '../paths';

export function MyWorkPage() {
  useDocumentTitle('My work');
  const work = useMyWork();
  return (
    <>
      <div className="page-header">
        <div>
          <h1>My work</h1>
          <p>Tickets assigned to you and investigations you are tracking down.</p>
        </div>
      </div>
      {work.isPending ? (
        <Loading />
      ) : work.isError ? (
        <ErrorState error={work.error} onRetry={() => work.refetch()} />
      ) : (
        <>
          <section className="panel" aria-labelledby="my-tickets-title">
            <h2 id="my-tickets-title">Tickets ({work.data.tickets.length})</h2>
            {work.data.tickets.length === 0 ? (
              <EmptyState title="No ticket is assigned to you." />
            ) : (
              <div className="table-wrap">
                <table className="data-table" data-testid="my-tickets">
                  <thead>
                    <tr>
                      <th scope="col">Key</th>
                      <th scope="col">Title</th>
                      <th scope="col">Phase</th>
                      <th scope="col">Priority</th>
                      <th scope="col">Status</th>
                      <th scope="col">Due</th>
                    </tr>
                  </thead>
                  <tbody>
                    {work.data.tickets.map((t) => (
                      <tr key={t.id}>
                        <td className="mono">
                          <Link to={paths.ticket(t.key)}>{t.key}</Link>
                        </td>
                        <td>{t.title}</td>
                        <td>{PHASE_INFO[t.phase].label}</td>
                        <td>
                          <Badge tone={levelTone(t.priority)}>{capitalize(t.priority)}</Badge>
                        </td>
                        <td>
                          <Badge tone={ticketStatusTone(t.status)}>{TICKET_STATUS_LABELS[t.status]}</Badge>
                        </td>
                        <td className="nowrap">{formatCalendarDay(t.dueDate)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          <section className="panel" aria-labelledby="my-investigations-title">
            <h2 id="my-investigations-title">Investigations ({work.data.investigations.length})</h2>
            {work.data.investigations.length === 0 ? (
              <EmptyState title="You are not investigating anything." />
            ) : (
              <InvestigationTable investigations={work.data.investigations} showDomain caption="My investigations" />
            )}
          </section>
        </>
      )}
    </>
  );
}
