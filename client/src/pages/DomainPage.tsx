import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { PHASE_INFO } from '@shared/workflow/definition';
import { Badge } from '../components/Badge';
import { Button } from '../components/Button';
import { PhaseStepper } from '../components/PhaseStepper';
import { ErrorState, Loading } from '../components/States';
import { ArtifactList } from '../features/artifacts/ArtifactList';
import { useMe } from '../features/auth/hooks';
import { DomainTimeline } from '../features/domains/DomainTimeline';
import { EditDomainDialog } from '../features/domains/EditDomainDialog';
import { DbtSelectorDialog } from '../features/dbt/DbtSelectorDialog';
import { FollowButton } from '../features/follows/FollowButton';
import { MembersPanel } from '../features/domains/MembersPanel';
import { useDomain } from '../features/domains/hooks';
import { GatePanel } from '../features/gate/GatePanel';
import { DomainWeirdness } from '../features/investigations/DomainWeirdness';
import { DomainTickets } from '../features/tickets/DomainTickets';
import { isApiError } from '../lib/api';
import { pluralize } from '../lib/format';
import { useDocumentTitle } from '../lib/use-document-title';
import { DOMAIN_TABS, paths, type DomainTab } from '../paths';

const TAB_LABELS: Record<DomainTab, string> = {
  gate: 'Gate',
  tickets: 'Tickets',
  artifacts: 'Artifacts',
  weirdness: 'Weirdness',
  timeline: 'Timeline',
  members: 'Members',
};

export function DomainPage() {
  const { key = '' } = useParams();
  const [params] = useSearchParams();
  const tabParam = params.get('tab') ?? 'gate';
  const tab: DomainTab = (DOMAIN_TABS as readonly string[]).includes(tabParam) ? (tabParam as DomainTab) : 'gate';
  const me = useMe();
  const domain = useDomain(key);
  const [editing, setEditing] = useState(false);
  const [editingDbt, setEditingDbt] = useState(false);
  useDocumentTitle(domain.data ? `${domain.data.name} · ${TAB_LABELS[tab]}` : key);

  if (domain.isPending) return <Loading label="Loading the domain…" />;
  if (domain.isError)
    return (
      <ErrorState
        error={domain.error}
        title={
          isApiError(domain.error) && domain.error.status === 404
            ? `There is no domain ${key}`
            : 'Could not load the domain'
        }
        onRetry={() => domain.refetch()}
      />
    );
  const d = domain.data;

  return (
    <>
      <div className="breadcrumb">
        <Link to={paths.portfolio()}>Portfolio</Link> / {d.key}
      </div>
      <div className="page-header">
        <div>
          <h1 data-testid="domain-title">
            {d.name} <span className="domain-card-key">{d.key}</span>
          </h1>
          <div className="row">
            <Badge tone="info" testId="domain-stage">
              {PHASE_INFO[d.stage].label}
            </Badge>
            <span className="muted small">{pluralize(d.daysInPhase, 'day')} in this phase</span>
            {d.held ? (
              <Badge tone="muted" title={d.holdReason ?? undefined} testId="domain-held">
                On hold{d.holdReason ? `: ${d.holdReason}` : ''}
              </Badge>
            ) : null}
            {d.atRisk ? (
              <Badge tone="danger" title={d.atRiskReason ?? undefined} testId="domain-at-risk">
                At risk{d.atRiskReason ? `: ${d.atRiskReason}` : ''}
              </Badge>
            ) : null}
            {d.stalled ? <Badge tone="warning">Stalled</Badge> : null}
          </div>
          {d.description ? <p style={{ marginTop: '0.5rem' }}>{d.description}</p> : null}
        </div>
        <div className="row">
          <FollowButton subject="domain" id={d.key} name={d.name} />
          {me.can.contribute ? (
            <Button
              onClick={() => setEditingDbt(true)}
              disabledReason={d.can.edit ? null : 'Only a domain lead or an admin can change the dbt settings'}
              data-testid="edit-dbt-selector"
            >
              dbt settings
            </Button>
          ) : null}
          {me.can.contribute ? (
            <Button
              onClick={() => setEditing(true)}
              disabledReason={d.can.edit ? null : 'Only a domain lead or an admin can edit the domain'}
              data-testid="edit-domain"
            >
              Edit domain
            </Button>
          ) : null}
        </div>
      </div>

      <PhaseStepper stage={d.stage} />

      <nav className="sub-nav" aria-label="Domain sections">
        {DOMAIN_TABS.map((t) => (
          <Link
            key={t}
            to={paths.domain(d.key, t)}
            aria-current={t === tab ? 'page' : undefined}
            data-testid={`tab-${t}`}
          >
            {TAB_LABELS[t]}
            {t === 'tickets' && d.openTickets ? ` (${d.openTickets})` : ''}
            {t === 'weirdness' && d.openInvestigations ? ` (${d.openInvestigations})` : ''}
          </Link>
        ))}
      </nav>

      {tab === 'gate' ? <GatePanel domain={d} me={me} /> : null}
      {tab === 'tickets' ? <DomainTickets domain={d} me={me} /> : null}
      {tab === 'artifacts' ? <ArtifactList domain={d} me={me} /> : null}
      {tab === 'weirdness' ? <DomainWeirdness domain={d} me={me} /> : null}
      {tab === 'timeline' ? <DomainTimeline domainKey={d.key} /> : null}
      {tab === 'members' ? <MembersPanel domain={d} mayMutate={me.can.contribute} /> : null}

      <EditDomainDialog open={editing} onClose={() => setEditing(false)} domain={d} />
      {editingDbt ? <DbtSelectorDialog domainKey={d.key} onClose={() => setEditingDbt(false)} /> : null}
    </>
  );
}
