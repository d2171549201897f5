import { Link } from 'react-router';
import type { InvestigationView } from '@shared/api/investigations';
import { Badge } from '../../components/Badge';
import {
  INVESTIGATION_STATUS_LABELS,
  capitalize,
  formatDate,
  investigationStatusTone,
  levelTone,
} from '../../lib/format';
import { paths } from '../../paths';

interface InvestigationTableProps {
  investigations: InvestigationView[];
  showDomain?: boolean;
  caption: string;
}

export function InvestigationTable({ investigations, showDomain, caption }: InvestigationTableProps) {
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid="investigation-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Title</th>
            {showDomain ? <th scope="col">Domain</th> : null}
            <th scope="col">Severity</th>
            <th scope="col">Status</th>
            <th scope="col">Investigator</th>
            <th scope="col">Root cause</th>
            <th scope="col">Reported</th>
          </tr>
        </thead>
        <tbody>
          {investigations.map((inv) => (
            <tr key={inv.id} data-testid={`investigation-row-${inv.id}`}>
              <td className="mono">{inv.id}</td>
              <td>
                <Link to={paths.investigation(inv.id)}>{inv.title}</Link>
                {inv.overdue ? (
                  <>
                    {' '}
                    <Badge tone="danger" title="Past its time-to-triage target">
                      Overdue
                    </Badge>
                  </>
                ) : null}
              </td>
              {showDomain ? (
                <td>
                  <Link to={paths.domain(inv.domainKey, 'weirdness')}>{inv.domainName || inv.domainKey}</Link>
                </td>
              ) : null}
              <td>
                <Badge tone={levelTone(inv.severity)}>{capitalize(inv.severity)}</Badge>
              </td>
              <td>
                <Badge tone={investigationStatusTone(inv.status)}>{INVESTIGATION_STATUS_LABELS[inv.status]}</Badge>
              </td>
              <td>{inv.investigator?.name ?? <span className="muted">—</span>}</td>
              <td>{inv.rootCause ? capitalize(inv.rootCause) : <span className="muted">—</span>}</td>
              <td className="nowrap">{formatDate(inv.reportedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
