import type { CurrentUser } from '@shared/api/auth';
import type { DomainView, GateView } from '@shared/api/domains';
import { CRITERIA, PHASE_INFO } from '@shared/workflow/definition';
import { describeBlockingReason } from '@shared/workflow/evaluate';
import { Badge } from '../../components/Badge';
import { ROLE_TITLES, formatDateTime } from '../../lib/format';
import { ErrorState, Loading } from '../../components/States';
import { useGate } from './hooks';
import { GateActions } from './GateActions';
import { SignOffForm } from './SignOffForm';
import { SignOffList } from './SignOffList';
import { WaiveButton } from './WaiveButton';

interface GatePanelProps {
  domain: DomainView;
  me: CurrentUser;
}

/** The current gate: what it checks, who must sign, what still blocks, and the actions on it. */
export function GatePanel({ domain, me }: GatePanelProps) {
  const gate = useGate(domain.key);
  if (gate.isPending) return <Loading label="Loading the gate…" />;
  if (gate.isError)
    return <ErrorState error={gate.error} title="Could not load the gate" onRetry={() => gate.refetch()} />;
  const view = gate.data;
  const mayMutate = me.can.contribute;

  return (
    <div className="stack" data-testid="gate-panel">
      <section className="panel" aria-labelledby="gate-title">
        <div className="panel-title">
          <h2 id="gate-title">
            {view.phase && view.to
              ? `Exit gate: ${PHASE_INFO[view.phase].label} → ${PHASE_INFO[view.to].label}`
              : 'No gate left: the domain is certified'}
          </h2>
          <div className="gate-status">
            {view.phase ? <span className="muted small">Round {view.round}</span> : null}
            {view.phase ? (
              view.open ? (
                <Badge tone="success" testId="gate-status">
                  Gate open
                </Badge>
              ) : (
                <Badge tone="warning" testId="gate-status">
                  Gate blocked
                </Badge>
              )
            ) : null}
          </div>
        </div>

        {view.blocking.length > 0 && view.phase ? (
          <div className="notice notice-warning" data-testid="blocking-reasons">
            <strong>What blocks this gate</strong>
            <ul className="blocking-list">
              {view.blocking.map((reason, index) => (
                <li key={index} data-code={reason.code}>
                  {describeBlockingReason(reason)}
                </li>
              ))}
            </ul>
          </div>
        ) : view.phase ? (
          <p className="notice notice-success" data-testid="gate-ready">
            Every criterion passes and every required role approved. The gate can be passed.
          </p>
        ) : null}

        <GateActions domain={domain} gate={view} mayMutate={mayMutate} />
      </section>

      {view.phase ? (
        <>
          <CriteriaTable gate={view} domainKey={domain.key} mayMutate={mayMutate} />
          {view.additions.length ? <GateAdditions gate={view} /> : null}
          <section className="panel" aria-labelledby="signoffs-title">
            <div className="panel-title">
              <h2 id="signoffs-title">Sign-offs</h2>
            </div>
            <SignOffList roles={view.roles} domainKey={domain.key} withdrawable={view.can.withdraw} />
            {/* the server's signAs alone decides: a viewer who holds a required role (a sponsor) signs too */}
            {view.can.signAs.length > 0 ? (
              <SignOffForm
                domainKey={domain.key}
                signAs={view.can.signAs}
                failingCriteria={view.criteria.filter((c) => !c.passed).map((c) => c.label)}
              />
            ) : null}
          </section>
        </>
      ) : null}
    </div>
  );
}

function CriteriaTable({ gate, domainKey, mayMutate }: { gate: GateView; domainKey: string; mayMutate: boolean }) {
  return (
    <section className="panel" aria-labelledby="criteria-title">
      <div className="panel-title">
        <h2 id="criteria-title">Criteria</h2>
        <span className="muted small">Measured live from the domain's tickets, artifacts and investigations.</span>
      </div>
      <div className="table-wrap">
        <table className="criteria-table" data-testid="criteria-table">
          <thead>
            <tr>
              <th scope="col">Criterion</th>
              <th scope="col">Live value</th>
              <th scope="col">Needs</th>
              <th scope="col">Result</th>
            </tr>
          </thead>
          <tbody>
            {gate.criteria.map((c) => (
              <tr key={c.key} data-testid={`criterion-${c.key}`} data-passed={c.passed} data-waived={c.waived}>
                <th scope="row" title={CRITERIA[c.key]?.description}>
                  {c.label || CRITERIA[c.key]?.label || c.key}
                </th>
                <td data-testid="criterion-value">{c.value}</td>
                <td>{c.threshold}</td>
                <td>
                  {c.waived ? (
                    <Badge tone="info" title={c.waiver ? `Waived by ${c.waiver.by}: ${c.waiver.reason}` : 'Waived'}>
                      Waived
                    </Badge>
                  ) : c.passed ? (
                    <Badge tone="success">Passed</Badge>
                  ) : (
                    <Badge tone="danger">Not met</Badge>
                  )}
                  {c.waived && c.waiver ? <div className="small muted">{c.waiver.reason}</div> : null}
                  {!c.passed && !c.waived && mayMutate && gate.can.waive ? (
                    <WaiveButton
                      domainKey={domainKey}
                      criterion={c.key}
                      label={c.label || CRITERIA[c.key]?.label || c.key}
                    />
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** What an admin added to this domain's gate, with who and why. */
function GateAdditions({ gate }: { gate: GateView }) {
  return (
    <section className="panel" aria-labelledby="additions-title" data-testid="gate-additions">
      <div className="panel-title">
        <h2 id="additions-title">Added to this domain's gate</h2>
      </div>
      <ul className="stack">
        {gate.additions.map((a) => (
          <li key={a.id} data-testid={`gate-addition-${a.value}`}>
            <strong>
              {a.kind === 'criterion'
                ? `Criterion: ${CRITERIA[a.value as keyof typeof CRITERIA]?.label ?? a.value}`
                : `Required role: ${ROLE_TITLES[a.value as keyof typeof ROLE_TITLES] ?? a.value}`}
            </strong>
            <div className="small muted">
              {a.by ? `${a.by.name}, ` : ''}
              {formatDateTime(a.createdAt)}: {a.reason}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
