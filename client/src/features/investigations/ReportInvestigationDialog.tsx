import { useState } from 'react';
import { useNavigate } from 'react-router';
import { SEVERITIES, type Severity } from '@shared/api/enums';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { isApiError } from '../../lib/api';
import { capitalize } from '../../lib/format';
import { paths } from '../../paths';
import { useArtifacts } from '../artifacts/hooks';
import { useReportInvestigation } from './hooks';

/** Logs a new oddity in a domain. */
export function ReportInvestigationDialog({
  open,
  onClose,
  domainKey,
}: {
  open: boolean;
  onClose: () => void;
  domainKey: string;
}) {
  return open ? <ReportForm onClose={onClose} domainKey={domainKey} /> : null;
}

function ReportForm({ onClose, domainKey }: { onClose: () => void; domainKey: string }) {
  const report = useReportInvestigation(domainKey);
  const artifacts = useArtifacts(domainKey);
  const navigate = useNavigate();
  const [title, setTitle] = useState('');
  const [observed, setObserved] = useState('');
  const [expected, setExpected] = useState('');
  const [artifactId, setArtifactId] = useState('');
  const [severity, setSeverity] = useState<Severity>('medium');
  const error = isApiError(report.error) ? report.error : null;

  function handleSubmit() {
    report.mutate(
      {
        title: title.trim(),
        observed: observed.trim(),
        expected: expected.trim(),
        artifactId: artifactId || null,
        severity,
      },
      {
        onSuccess: (inv) => {
          onClose();
          navigate(paths.investigation(inv.id));
        },
      },
    );
  }

  return (
    <Dialog
      open
      wide
      title="Report weirdness"
      onClose={onClose}
      onSubmit={handleSubmit}
      submitLabel="Report"
      busy={report.isPending}
      error={report.error}
      handledFields={['title', 'observed', 'expected', 'artifactId', 'severity']}
      testId="report-investigation-dialog"
    >
      <Field label="Title" error={error?.fieldError('title')} required>
        {(control) => (
          <input
            {...control}
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            data-testid="investigation-title"
            autoFocus
          />
        )}
      </Field>
      <Field label="What did you observe?" hint="Markdown is supported." error={error?.fieldError('observed')} required>
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
      <Field label="What did you expect?" error={error?.fieldError('expected')}>
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
        <Field label="Where (artifact)" error={error?.fieldError('artifactId')}>
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
      </div>
    </Dialog>
  );
}
