import { useState } from 'react';
import type { Severity } from '@shared/api/enums';
import type { InvestigationTransitionRequest, InvestigationView } from '@shared/api/investigations';
import type { InvestigationTransition } from '@shared/workflow/investigation';
import { describeRecurrence, type CaveatRecurrence } from '@shared/monitors/recurrence';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { isApiError } from '../../lib/api';
import { useRootCauses, useTransitionInvestigation } from './hooks';
import { InvestigatorField, SeverityField, TextAreaField } from './InvestigationFields';

/** Root causes whose finding is knowledge worth keeping on the artifact as a caveat. */
const CAVEAT_ROOT_CAUSES = ['expected', 'definition'];

export const TRANSITION_LABELS: Record<InvestigationTransition, string> = {
  reported: 'Back to reported',
  triaged: 'Triage',
  investigating: 'Start investigating',
  resolved: 'Resolve',
  dismissed: 'Dismiss',
  reopened: 'Reopen',
};

interface TransitionDialogProps {
  investigation: InvestigationView;
  to: InvestigationTransition | null;
  onClose: () => void;
}

export function TransitionDialog(props: TransitionDialogProps) {
  return props.to ? <TransitionForm {...props} to={props.to} /> : null;
}

function TransitionForm({ investigation, to, onClose }: TransitionDialogProps & { to: InvestigationTransition }) {
  const transition = useTransitionInvestigation(investigation.domainKey);
  const rootCauses = useRootCauses();
  const [severity, setSeverity] = useState<Severity>(investigation.severity);
  const [investigatorId, setInvestigatorId] = useState(investigation.investigator?.id ?? '');
  const [rootCause, setRootCause] = useState(investigation.rootCause ?? '');
  const [resolution, setResolution] = useState('');
  const [reason, setReason] = useState('');
  const [duplicateOf, setDuplicateOf] = useState('');
  const [duplicateError, setDuplicateError] = useState<string | null>(null);
  const [addCaveat, setAddCaveat] = useState(true);
  const [caveat, setCaveat] = useState('');
  // a monitor's anomaly: offer the same calendar day every year, so next year's is not alarmed on
  const anomalyDate = investigation.monitor?.anomalyDate ?? null;
  const offeredRecurrence: CaveatRecurrence | null = anomalyDate
    ? { kind: 'yearly', month: Number(anomalyDate.slice(5, 7)), day: Number(anomalyDate.slice(8, 10)) }
    : null;
  const [recurs, setRecurs] = useState(true);
  const error = isApiError(transition.error) ? transition.error : null;
  const offersCaveat = to === 'resolved' && CAVEAT_ROOT_CAUSES.includes(rootCause) && Boolean(investigation.artifactId);

  function handleSubmit() {
    const duplicate = duplicateOf.trim().replace(/^#/, '');
    if (to === 'dismissed' && duplicate && !/^[1-9][0-9]{0,9}$/.test(duplicate)) {
      setDuplicateError('Write the number of the investigation it duplicates, for example 64.');
      return;
    }
    setDuplicateError(null);
    const request: InvestigationTransitionRequest = { to };
    if (to === 'triaged') {
      request.severity = severity;
      if (investigatorId) request.investigatorId = investigatorId;
    }
    if (to === 'investigating' && investigatorId) request.investigatorId = investigatorId;
    if (to === 'resolved') {
      request.rootCause = rootCause;
      request.resolution = resolution.trim();
      if (offersCaveat && addCaveat) {
        request.caveat = caveat.trim() || resolution.trim();
        if (offeredRecurrence && recurs) request.caveatRecurrence = offeredRecurrence;
      }
    }
    if (to === 'dismissed' || to === 'reopened') request.reason = reason.trim();
    if (to === 'dismissed' && duplicate) request.duplicateOf = Number(duplicate);
    transition.mutate({ id: investigation.id, request }, { onSuccess: onClose });
  }

  return (
    <Dialog
      open
      title={`${TRANSITION_LABELS[to]}: ${investigation.title}`}
      onClose={onClose}
      onSubmit={handleSubmit}
      submitLabel={TRANSITION_LABELS[to]}
      submitVariant={to === 'dismissed' ? 'danger' : 'primary'}
      busy={transition.isPending}
      error={transition.error}
      handledFields={[
        'severity',
        'investigatorId',
        'rootCause',
        'resolution',
        'reason',
        'caveat',
        'caveatRecurrence',
        'duplicateOf',
      ]}
      testId="transition-dialog"
    >
      {to === 'triaged' ? (
        <SeverityField
          value={severity}
          onChange={setSeverity}
          error={error?.fieldError('severity')}
          testId="transition-severity"
        />
      ) : null}
      {to === 'triaged' || to === 'investigating' ? (
        <InvestigatorField
          value={investigatorId}
          onChange={setInvestigatorId}
          error={error?.fieldError('investigatorId')}
          testId="transition-investigator"
        />
      ) : null}
      {to === 'resolved' ? (
        <>
          <Field label="Root cause" error={error?.fieldError('rootCause')} required>
            {(control) => (
              <select
                {...control}
                value={rootCause}
                onChange={(e) => setRootCause(e.target.value)}
                data-testid="transition-root-cause"
              >
                <option value="">Choose a root cause</option>
                {(rootCauses.data ?? [])
                  .filter((rc) => !rc.retired || rc.key === rootCause)
                  .map((rc) => (
                    <option key={rc.key} value={rc.key}>
                      {rc.label}
                    </option>
                  ))}
              </select>
            )}
          </Field>
          <TextAreaField
            label="Resolution"
            hint="What was found, and what was done about it."
            error={error?.fieldError('resolution')}
            required
            value={resolution}
            onChange={setResolution}
            rows={4}
            testId="transition-resolution"
          />
          {offersCaveat ? (
            <fieldset>
              <legend>Keep the knowledge</legend>
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={addCaveat}
                  onChange={(e) => setAddCaveat(e.target.checked)}
                  data-testid="transition-add-caveat"
                />
                Add a caveat to {investigation.artifactName ?? 'the artifact'}, shown wherever it appears
              </label>
              {addCaveat ? (
                <Field
                  label="Caveat"
                  hint="Leave empty to use the resolution text."
                  error={error?.fieldError('caveat')}
                >
                  {(control) => (
                    <input
                      {...control}
                      value={caveat}
                      onChange={(e) => setCaveat(e.target.value)}
                      data-testid="transition-caveat"
                    />
                  )}
                </Field>
              ) : null}
              {addCaveat && offeredRecurrence ? (
                <label className="checkbox">
                  <input
                    type="checkbox"
                    checked={recurs}
                    onChange={(e) => setRecurs(e.target.checked)}
                    data-testid="transition-caveat-recurs"
                  />
                  It recurs {describeRecurrence(offeredRecurrence)}: the monitor stops alarming on that date
                </label>
              ) : null}
              {error?.fieldError('caveatRecurrence') ? (
                <p className="field-error">{error.fieldError('caveatRecurrence')}</p>
              ) : null}
            </fieldset>
          ) : null}
        </>
      ) : null}
      {to === 'dismissed' || to === 'reopened' ? (
        <TextAreaField
          label="Reason"
          error={error?.fieldError('reason')}
          required={to === 'dismissed'}
          value={reason}
          onChange={setReason}
          rows={3}
          testId="transition-reason"
        />
      ) : null}
      {to === 'dismissed' ? (
        <Field
          label="Duplicate of (optional)"
          hint="The investigation number this one reports again, e.g. 64. A duplicate is left out of the oddity rate."
          error={duplicateError ?? error?.fieldError('duplicateOf')}
        >
          {(control) => (
            <input
              {...control}
              inputMode="numeric"
              pattern="#?[0-9]*"
              value={duplicateOf}
              onChange={(e) => setDuplicateOf(e.target.value)}
              data-testid="transition-duplicate-of"
            />
          )}
        </Field>
      ) : null}
    </Dialog>
  );
}
