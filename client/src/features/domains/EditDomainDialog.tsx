import { useState } from 'react';
import type { DomainView } from '@shared/api/domains';
import { Dialog } from '../../components/Dialog';
import { isApiError } from '../../lib/api';
import { DomainFields, trimDomainText, type DomainText } from './DomainFields';
import { useUpdateDomain } from './hooks';

/** Renames a domain or changes its description and auto-advance, guarded by its version. */
export function EditDomainDialog({
  open,
  onClose,
  domain,
}: {
  open: boolean;
  onClose: () => void;
  domain: DomainView;
}) {
  return open ? <EditDomainForm onClose={onClose} domain={domain} /> : null;
}

function EditDomainForm({ onClose, domain }: { onClose: () => void; domain: DomainView }) {
  const update = useUpdateDomain(domain.key);
  const [fields, setFields] = useState<DomainText>({
    name: domain.name,
    description: domain.description,
    autoAdvance: domain.autoAdvance,
  });
  const error = isApiError(update.error) ? update.error : null;

  return (
    <Dialog
      open
      title={`Edit ${domain.name}`}
      onClose={onClose}
      onSubmit={() =>
        update.mutate({ version: domain.version, request: trimDomainText(fields) }, { onSuccess: onClose })
      }
      busy={update.isPending}
      error={
        error?.code === 'version_conflict'
          ? {
              detail:
                'Someone else changed this domain meanwhile. Close this dialog to see their change, then edit again.',
            }
          : update.error
      }
      handledFields={['name', 'description', 'autoAdvance']}
      testId="edit-domain-dialog"
    >
      <DomainFields domain={fields} onChange={setFields} error={error} />
    </Dialog>
  );
}
