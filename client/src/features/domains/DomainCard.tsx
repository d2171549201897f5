import { Link } from 'react-router';
import type { CardConfidence, DomainSummary } from '@shared/api/domains';
import { Badge } from '../../components/Badge';
import { Sparkline } from '../../components/Sparkline';
import { ROLE_TITLES, pluralize } from '../../lib/format';
import { paths } from '../../paths';
import { useMe } from '../auth/hooks';
import { CardBadges } from './CardBadges';
import { forecastDetail, forecastHeadline, formatRate, rateSentence } from '../confidence/format';
import './domain-card.css';

/** The card's measured oddity rate in few words: "0.63/wk, ≤ 2 at 90%" (the title has the sentence). */
function cardRate(confidence: CardConfidence): string {
  if (confidence.rate === null || confidence.upper === null) return 'nothing observed yet';
  return `${formatRate(confidence.rate)}/wk, ≤ ${formatRate(confidence.upper)} at ${Math.round(confidence.level * 100)}%`;
}

/**
 * One domain on the portfolio board; the whole card is the link to the domain's page. `oddityScale` is the top of the sparkline, the same on every
 * card of the board.
 */
export function DomainCard({ domain, oddityScale }: { domain: DomainSummary; oddityScale?: number }) {
  const me = useMe();
  const classes = ['domain-card'];
  if (domain.stalled) classes.push('domain-card-stalled');
  if (domain.atRisk) classes.push('domain-card-at-risk');
  const leads = domain.leads.filter((m) => m.role === 'ds_lead' || m.role === 'product_lead');
  return (
    <article
      className={classes.join(' ')}
      data-testid={`domain-card-${domain.key}`}
      aria-labelledby={`domain-${domain.key}`}
    >
      <h3 id={`domain-${domain.key}`}>
        <Link to={paths.domain(domain.key)} className="domain-card-link" data-testid={`card-link-${domain.key}`}>
          {domain.name}
        </Link>{' '}
        <span className="domain-card-key">{domain.key}</span>
      </h3>
      <CardBadges domain={domain} meId={me.id} />
      <dl>
        <dt>Leads</dt>
        <dd>
          {leads.length ? (
            leads.map((m) => (
              <span key={`${m.user.id}-${m.role}`} title={ROLE_TITLES[m.role]}>
                {m.user.name}
                {m !== leads[leads.length - 1] ? ', ' : ''}
              </span>
            ))
          ) : (
            <span className="muted">none yet</span>
          )}
        </dd>
        <dt>In phase</dt>
        <dd>{pluralize(domain.daysInPhase, 'day')}</dd>
        <dt>Open</dt>
        <dd>
          {pluralize(domain.openTickets, 'ticket')}, {pluralize(domain.openInvestigations, 'investigation')}
        </dd>
      </dl>
      {domain.confidence ? (
        <dl className="domain-card-confidence" data-testid="card-confidence">
          <dt>Oddity rate</dt>
          <dd data-testid="card-rate" title={rateSentence(domain.confidence)}>
            {cardRate(domain.confidence)}
            {domain.confidence.rising ? (
              <>
                {' '}
                <Badge tone="danger" title="The Laplace test finds a significant rise" testId="badge-rising">
                  rising
                </Badge>
              </>
            ) : null}
          </dd>
          <dt>Forecast</dt>
          <dd
            data-testid="card-forecast"
            title={forecastDetail(domain.confidence.forecast)}
            className={domain.confidence.forecast.status === 'ok' ? undefined : 'muted'}
          >
            {forecastHeadline(domain.confidence.forecast)}
            {domain.confidence.forecast.status === 'insufficient' ? (
              <span className="visually-hidden">: {domain.confidence.forecast.reason}</span>
            ) : null}
          </dd>
        </dl>
      ) : (
        <p className="domain-card-confidence muted small" data-testid="card-confidence">
          Oddity rate measured from hand-off on
        </p>
      )}
      <div className="domain-card-trend">
        <span>
          New a week, 8 weeks
          {oddityScale !== undefined ? <span className="domain-card-scale"> (scale 0–{oddityScale})</span> : null}
        </span>
        <span className="domain-card-spark">
          <Sparkline values={domain.oddity} max={oddityScale} label="New investigations per week, last 8 weeks" />
          <span className="domain-card-spark-values" aria-hidden="true" data-testid="card-sparkline-values">
            {domain.oddity.map((n, i) => (
              <span key={i}>{n}</span>
            ))}
          </span>
        </span>
      </div>
    </article>
  );
}
