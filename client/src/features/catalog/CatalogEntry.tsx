import { describeRecurrence } from '@shared/monitors/recurrence';
import { Link } from 'react-router';
import type { CatalogEntryView } from '@shared/api/catalog';
import { Badge } from '../../components/Badge';
import { capitalize, formatDate, levelTone, pluralize, ROLE_TITLES } from '../../lib/format';
import { paths } from '../../paths';
import { ARTIFACT_DETAIL_FIELDS } from '../artifacts/ArtifactFormDialog';
import { BadgeEmbed } from './BadgeEmbed';
import { FollowButton } from '../follows/FollowButton';
import { ReportWeirdnessButton } from './ReportWeirdnessDialog';
import { TrustBadge } from './TrustBadge';
import './catalog.css';

/**
 * One artifact as the catalog shows it: trust, caveats in full, open investigations, who to ask,
 * the last sign-off that covered it, and its definition. `full` (the artifact page) adds the
 * description and the list of open investigations.
 */
export function CatalogEntry({ entry, full = false }: { entry: CatalogEntryView; full?: boolean }) {
  const fields = ARTIFACT_DETAIL_FIELDS[entry.type] ?? [];
  const Heading = full ? 'h1' : 'h2';
  return (
    <article className="catalog-entry" data-testid={`catalog-entry-${entry.id}`} aria-label={entry.name}>
      <header className="catalog-entry-head">
        <div className="catalog-entry-title">
          <Heading>{full ? entry.name : <Link to={paths.artifact(entry.id)}>{entry.name}</Link>}</Heading>
          <TrustBadge trust={entry.trust} />
          <span className="muted small">
            {capitalize(entry.type)} in{' '}
            <Link to={paths.domain(entry.domain.key, 'artifacts')}>{entry.domain.name}</Link>
          </span>
        </div>
        <div className="row">
          {full ? <FollowButton subject="artifact" id={entry.id} name={entry.name} /> : null}
          <ReportWeirdnessButton entry={entry} />
        </div>
      </header>
      {entry.trust.reason ? (
        <p className={`catalog-trust-reason catalog-trust-${entry.trust.status}`} data-testid="trust-reason">
          {entry.trust.reason}
        </p>
      ) : null}
      {full && entry.description ? <p>{entry.description}</p> : null}
      <dl className="catalog-facts">
        {fields
          .filter((f) => entry.details[f.key])
          .map((f) => (
            <div key={f.key} className="catalog-fact">
              <dt>{f.label}</dt>
              <dd>
                {f.key === 'formula' ? (
                  <pre className="catalog-code">{entry.details[f.key]}</pre>
                ) : f.key === 'link' ? (
                  <a href={entry.details[f.key]} rel="noreferrer noopener" target="_blank">
                    {entry.details[f.key]}
                  </a>
                ) : (
                  entry.details[f.key]
                )}
              </dd>
            </div>
          ))}
        <div className="catalog-fact">
          <dt>Owner</dt>
          <dd>{entry.owner ? <a href={`mailto:${entry.owner.email}`}>{entry.owner.name}</a> : '—'}</dd>
        </div>
        <div className="catalog-fact">
          <dt>Who to ask</dt>
          <dd data-testid="catalog-leads">
            {entry.leads.length
              ? entry.leads.map((lead, i) => (
                  <span key={lead.id}>
                    {i ? ', ' : ''}
                    <a href={`mailto:${lead.email}`}>{lead.name}</a>{' '}
                    <span className="muted small">({lead.roles.map((r) => ROLE_TITLES[r]).join(', ')})</span>
                  </span>
                ))
              : 'No lead named yet'}
          </dd>
        </div>
        <div className="catalog-fact">
          <dt>Last sign-off</dt>
          <dd data-testid="catalog-signoff">
            {entry.lastSignOff ? (
              <>
                {entry.lastSignOff.signer.name} ({ROLE_TITLES[entry.lastSignOff.role]}),{' '}
                {formatDate(entry.lastSignOff.signedAt)}
                {' · '}
                {entry.lastSignOff.evidence.criteriaPassed}/{entry.lastSignOff.evidence.criteriaTotal} criteria,{' '}
                {pluralize(entry.lastSignOff.evidence.openItems, 'open item')}
                {entry.lastSignOff.stale ? <Badge tone="warning">stale</Badge> : null}
                {entry.lastSignOff.changedSince ? <Badge tone="warning">changed since</Badge> : null}
                {full && entry.lastSignOff.comment ? (
                  <span className="catalog-quote">“{entry.lastSignOff.comment}”</span>
                ) : null}
              </>
            ) : (
              'Not covered by a sign-off yet'
            )}
          </dd>
        </div>
        <div className="catalog-fact">
          <dt>Open investigations</dt>
          <dd data-testid="catalog-open-investigations">
            {entry.openInvestigations.total ? (
              <Link to={paths.domain(entry.domain.key, 'weirdness')}>
                {pluralize(entry.openInvestigations.total, 'open investigation')}
              </Link>
            ) : (
              'None'
            )}
          </dd>
        </div>
      </dl>
      {full && entry.openInvestigations.items.length ? (
        <ul className="catalog-investigations">
          {entry.openInvestigations.items.map((inv) => (
            <li key={inv.id}>
              <Link to={paths.investigation(inv.id)}>
                #{inv.id} {inv.title}
              </Link>{' '}
              <Badge tone={levelTone(inv.severity)}>{inv.severity}</Badge>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="catalog-caveats" data-testid="catalog-caveats">
        <strong>Caveats</strong>
        {entry.caveats.length ? (
          <ul>
            {entry.caveats.map((c) => (
              <li key={c.id}>
                {c.text}{' '}
                {c.recurrence ? (
                  <Badge tone="muted" testId="caveat-recurrence">
                    recurs {describeRecurrence(c.recurrence)}
                  </Badge>
                ) : null}{' '}
                <span className="muted small">
                  ({c.author?.name ?? 'unknown'}, {formatDate(c.createdAt)}
                  {c.investigationId ? (
                    <>
                      , from <Link to={paths.investigation(c.investigationId)}>investigation #{c.investigationId}</Link>
                    </>
                  ) : null}
                  )
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="small muted">No caveats recorded.</p>
        )}
      </div>
      {full ? <BadgeEmbed entry={entry} /> : null}
    </article>
  );
}
