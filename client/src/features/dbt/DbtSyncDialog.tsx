import { useState } from 'react';
import type { DbtPlan, DbtPlanEntry } from '@shared/api/dbt';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { errorMessage } from '../../lib/api';
import { pluralize } from '../../lib/format';
import { useApplyDbtSync, useDbtPlan, useDbtStatus } from './hooks';

/** One planned artifact and its fields, as a small diff. */
function PlanEntry({ entry, sign }: { entry: DbtPlanEntry; sign: '+' | '~' | '-' }) {
  return (
    <li data-testid={`dbt-plan-${sign === '+' ? 'created' : sign === '~' ? 'changed' : 'removed'}`}>
      <strong>
        {sign} {entry.type} {entry.name}
      </strong>{' '}
      <code className="small">{entry.uniqueId}</code>
      {entry.wasReady ? <span className="muted small"> · ready: its sign-offs go stale</span> : null}
      {sign !== '+' ? (
        <ul className="small">
          {entry.changes.map((change) => (
            <li key={change.field}>
              {change.field}: <del>{change.before || '—'}</del> → <ins>{change.after || '—'}</ins>
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

function PlanView({ plan }: { plan: DbtPlan }) {
  return (
    <div data-testid="dbt-plan">
      <p>
        dbt manifest {plan.dbtSchemaVersion} (dbt {plan.dbtVersion || '?'}, project {plan.projectName}): {plan.selected}{' '}
        of {plan.nodesInManifest} nodes belong to this domain.
      </p>
      <p data-testid="dbt-plan-summary">
        <strong>
          {plan.created.length} to create, {plan.changed.length} changed, {plan.unchanged.length} unchanged,{' '}
          {plan.removed.length} to deprecate
        </strong>
      </p>
      <ul className="plain-list">
        {plan.created.map((entry) => (
          <PlanEntry key={entry.uniqueId} entry={entry} sign="+" />
        ))}
        {plan.changed.map((entry) => (
          <PlanEntry key={entry.uniqueId} entry={entry} sign="~" />
        ))}
        {plan.removed.map((entry) => (
          <PlanEntry key={entry.uniqueId} entry={entry} sign="-" />
        ))}
      </ul>
      {plan.warnings.map((warning) => (
        <p key={warning} className="muted small">
          {warning}
        </p>
      ))}
    </div>
  );
}

/**
 * "Sync from dbt": choose a manifest.json, see the plan (a dry run), apply exactly that plan. The
 * server refuses the apply when the plan changed since it was shown.
 */
export function DbtSyncDialog({ domainKey, onClose }: { domainKey: string; onClose: () => void }) {
  const [manifest, setManifest] = useState<string | null>(null);
  const [fileName, setFileName] = useState('');
  const [readError, setReadError] = useState<string | null>(null);
  const plan = useDbtPlan(domainKey);
  const apply = useApplyDbtSync(domainKey);
  const status = useDbtStatus(domainKey);
  const maySync = status.data?.can.sync ?? false;
  const shown = plan.data?.plan ?? null;
  const writes = shown ? shown.created.length + shown.changed.length + shown.removed.length : 0;

  async function handleFile(file: File | undefined) {
    setReadError(null);
    plan.reset();
    apply.reset();
    if (!file) return;
    try {
      const text = await file.text();
      setManifest(text);
      setFileName(file.name);
      plan.mutate(text);
    } catch {
      setReadError('The file could not be read.');
    }
  }

  function handleApply() {
    if (!manifest || !shown) return;
    apply.mutate({ manifest, planHash: shown.planHash });
  }

  return (
    <Dialog open wide title="Sync from dbt" onClose={onClose} testId="dbt-sync-dialog">
      {apply.data ? (
        <div data-testid="dbt-sync-done">
          <p>
            <strong>Applied.</strong> {pluralize(apply.data.plan.created.length, 'artifact')} created,{' '}
            {apply.data.plan.changed.length} changed, {apply.data.plan.removed.length} deprecated.
            {apply.data.staleSignOffs ? ` ${pluralize(apply.data.staleSignOffs, 'sign-off')} went stale.` : ''}
          </p>
          <Button variant="primary" onClick={onClose}>
            Close
          </Button>
        </div>
      ) : (
        <>
          <p>
            Choose the <code>target/manifest.json</code> of the dbt project. Nothing is written until you apply the
            plan.
          </p>
          <label className="field">
            <span className="field-label">Manifest</span>
            <input
              type="file"
              accept=".json,application/json"
              onChange={(e) => void handleFile(e.target.files?.[0])}
              data-testid="dbt-manifest-file"
            />
          </label>
          {readError ? <p role="alert">{readError}</p> : null}
          {plan.isPending ? <p>Planning {fileName}…</p> : null}
          {plan.error ? (
            <p role="alert" className="form-error" data-testid="dbt-plan-error">
              {errorMessage(plan.error)}
            </p>
          ) : null}
          {shown ? <PlanView plan={shown} /> : null}
          {apply.error ? (
            <p role="alert" className="form-error" data-testid="dbt-apply-error">
              {errorMessage(apply.error)}
            </p>
          ) : null}
          <div className="row">
            <Button
              variant="primary"
              onClick={handleApply}
              busy={apply.isPending}
              disabledReason={
                !maySync
                  ? 'Only a lead of this domain or an admin applies a dbt sync; you can review the plan'
                  : !shown
                    ? 'Choose a manifest first'
                    : writes
                      ? null
                      : 'Nothing to change: the domain is in sync'
              }
              data-testid="dbt-apply"
            >
              Apply the plan
            </Button>
            <Button onClick={onClose}>Cancel</Button>
          </div>
        </>
      )}
    </Dialog>
  );
}
