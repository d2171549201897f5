import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { Severity } from '@shared/api/enums';
import { Dialog } from '../../components/Dialog';
import { isApiError } from '../../lib/api';
import { paths } from '../../paths';
import { useReportInvestigation } from './hooks';
import {
  ArtifactField,
  InvestigationTextFields,
  SeverityField,
  trimInvestigationText,
  type InvestigationText,
} from './InvestigationFields';

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
  const navigate = useNavigate();
  const [text, setText] = useState<InvestigationText>({ title: '', observed: '', expected: '' });
  const [artifactId, setArtifactId] = useState('');
  const [severity, setSeverity] = useState<Severity>('medium');
  const error = isApiError(report.error) ? report.error : null;

  function handleSubmit() {
    report.mutate(
      { ...trimInvestigationText(text), artifactId: artifactId || null, severity },
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
      <InvestigationTextFields text={text} onChange={setText} error={error} asking />
      <div className="field-row">
        <ArtifactField
          domainKey={domainKey}
          label="Where (artifact)"
          value={artifactId}
          onChange={setArtifactId}
          error={error?.fieldError('artifactId')}
        />
        <SeverityField
          value={severity}
          onChange={setSeverity}
          error={error?.fieldError('severity')}
          testId="investigation-severity"
        />
      </div>
    </Dialog>
  );
}
