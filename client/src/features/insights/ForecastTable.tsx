import { Link } from 'react-router';
import { FORECAST_ROWS, type DomainForecastRow } from '@shared/api/insights';
import { PHASE_INFO } from '@shared/workflow/definition';
import { Badge } from '../../components/Badge';
import { paths } from '../../paths';
import { forecastDetail, forecastHeadline, rateSentence } from '../confidence/format';

/** Every handed-off domain's measured rate and forecast, soonest first: the table the cards summarize. */
export function ForecastTable({ rows }: { rows: DomainForecastRow[] }) {
  if (!rows.length) return <p className="muted">No domain is past hand-off yet: forecasts start there.</p>;
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid="insights-forecasts">
        <thead>
          <tr>
            <th scope="col">Domain</th>
            <th scope="col">Phase</th>
            <th scope="col">Oddity rate</th>
            <th scope="col">Forecast</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} data-testid={`forecast-${row.key}`}>
              <th scope="row">
                <Link to={paths.domain(row.key)}>{row.name}</Link> <span className="muted small">{row.key}</span>
              </th>
              <td>
                {PHASE_INFO[row.stage].label}
                {row.atRisk ? (
                  <>
                    {' '}
                    <Badge tone="danger">At risk</Badge>
                  </>
                ) : null}
              </td>
              <td className="small">
                {rateSentence(row.confidence)}
                {row.confidence.rising ? (
                  <>
                    {' '}
                    <Badge tone="warning">Rising</Badge>
                  </>
                ) : null}
              </td>
              <td>
                <strong>{forecastHeadline(row.confidence.forecast)}</strong>
                <div className="small muted">{forecastDetail(row.confidence.forecast)}</div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length >= FORECAST_ROWS ? (
        <p className="small muted">The {FORECAST_ROWS} soonest forecasts; the board lists every domain.</p>
      ) : null}
    </div>
  );
}
