import { Link } from 'react-router';
import type { DomainSummary } from '@shared/api/domains';
import { Badge } from '../../components/Badge';
import { Sparkline } from '../../components/Sparkline';
import { ROLE_TITLES, pluralize } from '../../lib/format';
import { paths } from '../../paths';

/** One domain on the portfolio board. */
export function DomainCard({ domain }: { domain: DomainSummary }) {
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
        <Link to={paths.domain(domain.key)}>{domain.name}</Link> <span className="domain-card-key">{domain.key}</span>
      </h3>
      <div className="badges">
        {domain.stalled ? (
          <Badge tone="warning" title={`No activity for ${domain.daysInPhase}+ days`} testId="badge-stalled">
            Stalled
          </Badge>
        ) : null}
        {domain.atRisk ? (
          <Badge tone="danger" title={domain.atRiskReason ?? 'At risk'} testId="badge-at-risk">
            At risk
          </Badge>
        ) : null}
        {domain.held ? (
          <Badge tone="muted" title={domain.holdReason ?? 'On hold'} testId="badge-held">
            On hold
          </Badge>
        ) : null}
        {domain.gateStatus === 'open' ? (
          <Badge tone="success" testId="badge-gate">
            Gate open
          </Badge>
        ) : domain.gateStatus === 'blocked' ? (
          <Badge tone="neutral" testId="badge-gate">
            Gate blocked
          </Badge>
        ) : null}
      </div>
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
      <div className="domain-card-oddity">
        <span>Oddities / week</span>
        <Sparkline values={domain.oddity} label="New investigations per week, last 8 weeks" />
      </div>
    </article>
  );
}
