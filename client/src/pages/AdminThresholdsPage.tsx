import { useState, type FormEvent } from 'react';
import type { GateThresholds } from '@shared/workflow/types';
import { Button } from '../components/Button';
import { Field, FormError } from '../components/Field';
import { Forbidden } from '../components/Forbidden';
import { ErrorState, Loading } from '../components/States';
import { AdminNav } from '../features/admin/AdminNav';
import { useSaveThresholds, useThresholds } from '../features/admin/hooks';
import { useMe } from '../features/auth/hooks';
import { isApiError } from '../lib/api';
import { useDocumentTitle } from '../lib/use-document-title';

const THRESHOLD_FIELDS: { key: keyof GateThresholds; label: string; hint: string }[] = [
  { key: 'minProblemStatements', label: 'Problem statements', hint: 'specs → scoping: at least this many' },
  { key: 'minStakeholders', label: 'Stakeholders', hint: 'specs → scoping: at least this many' },
  { key: 'minReadyMetrics', label: 'Ready metric definitions', hint: 'scoping → hand-off: at least this many' },
  { key: 'minReadyDatasets', label: 'Ready datasets', hint: 'scoping → hand-off: at least this many' },
  { key: 'minExampleAnalyses', label: 'Example analyses', hint: 'scoping → hand-off: at least this many' },
  { key: 'minHandoffSessions', label: 'Hand-off sessions done', hint: 'hand-off → weirdness: at least this many' },
  {
    key: 'maxNewInvestigations',
    label: 'New investigations allowed',
    hint: 'weirdness → confidence: at most this many in the window',
  },
  { key: 'newInvestigationWindowDays', label: 'New-investigation window (days)', hint: 'weirdness → confidence' },
  { key: 'stallDays', label: 'Stall after (days)', hint: 'no activity for this long marks a domain stalled' },
  {
    key: 'certificationReviewDays',
    label: 'Certification review (days)',
    hint: 'a certified domain is due for review this long after certification; overdue puts it at risk',
  },
];

export function AdminThresholdsPage() {
  useDocumentTitle('Gate thresholds');
  const me = useMe();
  const thresholds = useThresholds();
  if (!me.can.manageSettings) return <Forbidden what="change gate settings" />;
  return (
    <>
      <h1>Admin</h1>
      <AdminNav me={me} />
      <section className="panel" aria-labelledby="thresholds-title">
        <h2 id="thresholds-title">Gate thresholds</h2>
        <p className="muted">
          The numbers the default gate criteria use, for every domain that does not override them.
        </p>
        {thresholds.isPending ? (
          <Loading />
        ) : thresholds.isError ? (
          <ErrorState error={thresholds.error} onRetry={() => thresholds.refetch()} />
        ) : (
          <ThresholdsForm initial={thresholds.data} />
        )}
      </section>
    </>
  );
}

function ThresholdsForm({ initial }: { initial: GateThresholds }) {
  const save = useSaveThresholds();
  const [values, setValues] = useState<Record<keyof GateThresholds, string>>(
    () =>
      Object.fromEntries(THRESHOLD_FIELDS.map((f) => [f.key, String(initial[f.key] ?? '')])) as Record<
        keyof GateThresholds,
        string
      >,
  );
  const [saved, setSaved] = useState(false);
  const error = isApiError(save.error) ? save.error : null;

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const next = { ...initial };
    for (const f of THRESHOLD_FIELDS) next[f.key] = Number(values[f.key]);
    save.mutate(next, { onSuccess: () => setSaved(true) });
  }

  return (
    <form onSubmit={handleSubmit} noValidate aria-label="Gate thresholds" data-testid="thresholds-form">
      <div className="field-row">
        {THRESHOLD_FIELDS.map((f) => (
          <Field key={f.key} label={f.label} hint={f.hint} error={error?.fieldError(f.key)}>
            {(control) => (
              <input
                {...control}
                type="number"
                min={0}
                step={1}
                value={values[f.key]}
                onChange={(e) => setValues((v) => ({ ...v, [f.key]: e.target.value }))}
                data-testid={`threshold-${f.key}`}
              />
            )}
          </Field>
        ))}
      </div>
      <FormError error={save.error} handledFields={THRESHOLD_FIELDS.map((f) => f.key)} />
      {saved ? (
        <p className="notice notice-success" role="status">
          Thresholds saved. Gates use them from now on.
        </p>
      ) : null}
      <Button type="submit" variant="primary" busy={save.isPending} data-testid="save-thresholds">
        Save thresholds
      </Button>
    </form>
  );
}
