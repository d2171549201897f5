import { useState } from 'react';
import type { Severity } from '@shared/api/enums';
import type { InvestigationView } from '@shared/api/investigations';
import { Dialog } from '../../components/Dialog';
import { isApiError } from '../../lib/api';
import { useUpdateInvestigation } from './hooks';
import {
  ArtifactField,
  InvestigationTextFields,
  InvestigatorField,
  SeverityField,
  trimInvestigationText,
  type InvestigationText,
} from './InvestigationFields';

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
  const [text, setText] = useState<InvestigationText>({
    title: investigation.title,
    observed: investigation.observed,
    expected: investigation.expected,
  });
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
          ...trimInvestigationText(text),
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
      <InvestigationTextFields text={text} onChange={setText} error={error} />
      <div className="field-row">
        <SeverityField
          value={severity}
          onChange={setSeverity}
          error={error?.fieldError('severity')}
          testId="investigation-severity"
        />
        <InvestigatorField
          value={investigatorId}
          onChange={setInvestigatorId}
          error={error?.fieldError('investigatorId')}
          testId="investigation-investigator"
        />
        <ArtifactField
          domainKey={investigation.domainKey}
          label="Artifact"
          value={artifactId}
          onChange={setArtifactId}
          error={error?.fieldError('artifactId')}
        />
      </div>
    </Dialog>
  );
}
