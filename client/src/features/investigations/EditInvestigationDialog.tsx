import { useState } from 'react';
import { SEVERITIES, type Severity } from '@shared/api/enums';
import type { InvestigationView } from '@shared/api/investigations';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { isApiError } from '../../lib/api';
import { capitalize } from '../../lib/format';
import { useArtifacts } from '../artifacts/hooks';
import { UserSelect } from '../users/UserSelect';
import { useUpdateInvestigation } from './hooks';

export function EditInvestigationDialog({
  open,
  onClose,
  investigation,
}: {
  open: boolean;
  onClose: () => void;
  investigation: InvestigationView;
}) {
  return open ? <EditForm onClose={onClose} investigation={investigation} /> : null;
}

function EditForm({ onClose, investigation }: { onClose: () => void; investigation: InvestigationView }) {
  const update = useUpdateInvestigation(investigation.domainKey);
  const artifacts = useArtifacts(investigation.domainKey);
  const [title, setTitle] = useState(investigation.title);
  const [observed, setObserved] = useState(investigation.observed);
  const [expected, setExpected] = useState(investigation.expected);
  const [severity, setSeverity] = useState<Severity>(investigation.severity);
  const [artifactId, setArtifactId] = useState(investigation.artifactId ?? '');
  const [investigatorId, setInvestigatorId] = useState(investigation.investigator?.id ?? '');
  const error = isApiError(update.error) ? update.error : null;

  function handleSubmit() {
    update.mutate(
      {
        id: investigation.id,
        version: investigation.version,
        request: {
          title: title.trim(),
          observed: observed.trim(),
          expected: expected.trim(),
          severity,
          artifactId: artifactId || null,
          investigatorId: investigatorId || null,
        },
      },
      { onSuccess: onClose },
    );
  }

  return (
    <Dialog
      open
      wide
      title={`Edit investigation #${investigation.id}`}
      onClose={onClose}
      onSubmit={handleSubmit}
      busy={update.isPending}
      error={update.error}
      handledFields={['title', 'observed', 'expected', 'severity', 'artifactId', 'investigatorId']}
      testId="edit-investigation-dialog"
    >
      <Field label="Title" error={error?.fieldError('title')} required>
        {(control) => (
          <input
            {...control}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            data-testid="investigation-title"
          />
        )}
      </Field>
      <Field label="Observed" error={error?.fieldError('observed')} required>
        {(control) => (
          <textarea
            {...control}
            value={observed}
            onChange={(e) => setObserved(e.target.value)}
            rows={4}
            data-testid="investigation-observed"
          />
        )}
      </Field>
      <Field label="Expected" error={error?.fieldError('expected')}>
        {(control) => (
          <textarea
            {...control}
            value={expected}
            onChange={(e) => setExpected(e.target.value)}
            rows={3}
            data-testid="investigation-expected"
          />
        )}
      </Field>
      <div className="field-row">
        <Field label="Severity" error={error?.fieldError('severity')}>
          {(control) => (
            <select
              {...control}
              value={severity}
              onChange={(e) => setSeverity(e.target.value as Severity)}
              data-testid="investigation-severity"
            >
              {SEVERITIES.map((s) => (
                <option key={s} value={s}>
                  {capitalize(s)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Investigator" error={error?.fieldError('investigatorId')}>
          {(control) => (
            <UserSelect
              {...control}
              value={investigatorId}
              onChange={setInvestigatorId}
              emptyLabel="Nobody yet"
              testId="investigation-investigator"
            />
          )}
        </Field>
        <Field label="Artifact" error={error?.fieldError('artifactId')}>
          {(control) => (
            <select
              {...control}
              value={artifactId}
              onChange={(e) => setArtifactId(e.target.value)}
              data-testid="investigation-artifact"
            >
              <option value="">Not tied to an artifact</option>
              {(artifacts.data?.items ?? []).map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name} ({a.type})
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
    </Dialog>
  );
}
