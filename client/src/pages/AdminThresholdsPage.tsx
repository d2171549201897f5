import { useState, type FormEvent } from 'react';
import type { SeverityWeights } from '@shared/api/confidence';
import { PHASES, SEVERITIES } from '@shared/api/enums';
import {
  CRITERIA,
  CRITERION_THRESHOLDS,
  GATES,
  LIFECYCLE_THRESHOLDS,
  PHASE_INFO,
  THRESHOLD_INFO,
} from '@shared/workflow/definition';
import type { CriterionKey, GateThresholds } from '@shared/workflow/types';
import { Button } from '../components/Button';
import { Field, FormError } from '../components/Field';
import { Forbidden } from '../components/Forbidden';
import { ErrorState, Loading } from '../components/States';
import { AdminNav } from '../features/admin/AdminNav';
import { useSaveSeverityWeights, useSaveThresholds, useSeverityWeights, useThresholds } from '../features/admin/hooks';
import { useMe } from '../features/auth/hooks';
import { isApiError } from '../lib/api';
import { useDocumentTitle } from '../lib/use-document-title';

const SEVERITY_TITLES: Record<keyof SeverityWeights, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

const THRESHOLD_KEYS = Object.keys(THRESHOLD_INFO) as (keyof GateThresholds)[];

/** Every gate with its criteria in words, each followed by the numbers it reads. */
const GROUPS = PHASES.map((phase) => ({
  phase,
  title: `${PHASE_INFO[phase].label} → ${PHASE_INFO[GATES[phase].to].label}`,
  criteria: GATES[phase].criteria.map((key: CriterionKey) => ({
    key,
    ...CRITERIA[key],
    thresholds: CRITERION_THRESHOLDS[key],
  })),
}));

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
      <SeverityWeightsSection />
    </>
  );
}

function ThresholdsForm({ initial }: { initial: GateThresholds }) {
  const save = useSaveThresholds();
  const [values, setValues] = useState<Record<keyof GateThresholds, string>>(
    () =>
      Object.fromEntries(THRESHOLD_KEYS.map((key) => [key, String(initial[key] ?? '')])) as Record<
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
    for (const key of THRESHOLD_KEYS) next[key] = Number(values[key]);
    save.mutate(next, { onSuccess: () => setSaved(true) });
  }

  const input = (key: keyof GateThresholds) => {
    const info = THRESHOLD_INFO[key];
    return (
      <Field key={key} label={info.label} error={error?.fieldError(key)}>
        {(control) => (
          <input
            {...control}
            type="number"
            min={info.min}
            max={info.max}
            step={info.decimal ? 0.01 : 1}
            inputMode={info.decimal ? 'decimal' : 'numeric'}
            value={values[key]}
            onChange={(e) => setValues((v) => ({ ...v, [key]: e.target.value }))}
            data-testid={`threshold-${key}`}
          />
        )}
      </Field>
    );
  };

  return (
    <form onSubmit={handleSubmit} noValidate aria-label="Gate thresholds" data-testid="thresholds-form">
      {GROUPS.map((group) => (
        <fieldset key={group.phase} className="threshold-gate" data-testid={`thresholds-gate-${group.phase}`}>
          <legend>{group.title}</legend>
          <ul className="threshold-criteria">
            {group.criteria.map((c) => (
              <li key={c.key} data-testid={`threshold-criterion-${c.key}`}>
                <strong>{c.label}</strong>
                <div className="small muted">{c.description}</div>
                {c.thresholds.length ? (
                  <div className="field-row">{c.thresholds.map(input)}</div>
                ) : (
                  <div className="small muted">No number to set: it must hold exactly.</div>
                )}
              </li>
            ))}
          </ul>
        </fieldset>
      ))}
      <fieldset className="threshold-gate" data-testid="thresholds-lifecycle">
        <legend>Board states</legend>
        <div className="field-row">{LIFECYCLE_THRESHOLDS.map(input)}</div>
      </fieldset>
      <FormError error={save.error} handledFields={THRESHOLD_KEYS} />
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

/** How much an investigation of each severity counts in the measured oddity rate. */
function SeverityWeightsSection() {
  const weights = useSeverityWeights();
  return (
    <section className="panel" aria-labelledby="weights-title">
      <h2 id="weights-title">Severity weights</h2>
      <p className="muted">
        How much one investigation of each severity counts in the weekly oddity rate that the weirdness and confidence
        gates measure. 0 leaves a severity out. Saving recomputes every domain&apos;s rate.
      </p>
      {weights.isPending ? (
        <Loading />
      ) : weights.isError ? (
        <ErrorState error={weights.error} onRetry={() => weights.refetch()} />
      ) : (
        <SeverityWeightsForm initial={weights.data} />
      )}
    </section>
  );
}

function SeverityWeightsForm({ initial }: { initial: SeverityWeights }) {
  const save = useSaveSeverityWeights();
  const [values, setValues] = useState(
    () => Object.fromEntries(SEVERITIES.map((s) => [s, String(initial[s])])) as Record<keyof SeverityWeights, string>,
  );
  const [saved, setSaved] = useState(false);
  const error = isApiError(save.error) ? save.error : null;
  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const next = Object.fromEntries(SEVERITIES.map((s) => [s, Number(values[s])])) as SeverityWeights;
    save.mutate(next, { onSuccess: () => setSaved(true) });
  }
  return (
    <form onSubmit={handleSubmit} noValidate aria-label="Severity weights" data-testid="severity-weights-form">
      <div className="field-row">
        {SEVERITIES.map((severity) => (
          <Field key={severity} label={SEVERITY_TITLES[severity]} error={error?.fieldError(severity)}>
            {(control) => (
              <input
                {...control}
                type="number"
                min={0}
                max={100}
                step={0.1}
                inputMode="decimal"
                value={values[severity]}
                onChange={(e) => setValues((v) => ({ ...v, [severity]: e.target.value }))}
                data-testid={`weight-${severity}`}
              />
            )}
          </Field>
        ))}
      </div>
      <FormError error={save.error} handledFields={[...SEVERITIES]} />
      {saved ? (
        <p className="notice notice-success" role="status">
          Weights saved. Every domain&apos;s oddity rate is measured with them now.
        </p>
      ) : null}
      <Button type="submit" variant="primary" busy={save.isPending} data-testid="save-weights">
        Save weights
      </Button>
    </form>
  );
}
