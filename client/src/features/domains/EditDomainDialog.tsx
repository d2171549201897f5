import { useState } from 'react';
import type { DomainView } from '@shared/api/domains';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { isApiError } from '../../lib/api';
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
  const [name, setName] = useState(domain.name);
  const [description, setDescription] = useState(domain.description);
  const [autoAdvance, setAutoAdvance] = useState(domain.autoAdvance);
  const error = isApiError(update.error) ? update.error : null;

  return (
    <Dialog
      open
      title={`Edit ${domain.name}`}
      onClose={onClose}
      onSubmit={() =>
        update.mutate(
          { version: domain.version, request: { name: name.trim(), description: description.trim(), autoAdvance } },
          { onSuccess: onClose },
        )
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
      <Field label="Name" error={error?.fieldError('name')} required>
        {(control) => (
          <input {...control} value={name} onChange={(e) => setName(e.target.value)} data-testid="domain-name" />
        )}
      </Field>
      <Field label="Description" error={error?.fieldError('description')}>
        {(control) => (
          <textarea
            {...control}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            data-testid="domain-description"
          />
        )}
      </Field>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={autoAdvance}
          onChange={(e) => setAutoAdvance(e.target.checked)}
          data-testid="domain-auto-advance"
        />
        Advance automatically when the last approval lands
      </label>
    </Dialog>
  );
}
