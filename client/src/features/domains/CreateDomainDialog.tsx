import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { isApiError } from '../../lib/api';
import { paths } from '../../paths';
import { useCreateDomain } from './hooks';

export function CreateDomainDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const create = useCreateDomain();
  const navigate = useNavigate();
  const [key, setKey] = useState('');
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [autoAdvance, setAutoAdvance] = useState(false);
  const error = isApiError(create.error) ? create.error : null;

  function handleClose() {
    create.reset();
    onClose();
  }

  function handleSubmit() {
    create.mutate(
      { key: key.trim().toUpperCase(), name: name.trim(), description: description.trim(), autoAdvance },
      {
        onSuccess: (domain) => {
          onClose();
          navigate(paths.domain(domain.key));
        },
      },
    );
  }

  return (
    <Dialog
      open={open}
      title="New domain"
      onClose={handleClose}
      onSubmit={handleSubmit}
      submitLabel="Create domain"
      busy={create.isPending}
      error={create.error}
      handledFields={['key', 'name', 'description', 'autoAdvance']}
      testId="create-domain-dialog"
    >
      <Field
        label="Key"
        hint="2–10 capital letters, used in ticket keys (e.g. RET-12)"
        error={error?.fieldError('key')}
        required
      >
        {(control) => (
          <input
            {...control}
            value={key}
            onChange={(e) => setKey(e.target.value.toUpperCase())}
            name="key"
            data-testid="domain-key"
            autoFocus
          />
        )}
      </Field>
      <Field label="Name" error={error?.fieldError('name')} required>
        {(control) => (
          <input
            {...control}
            value={name}
            onChange={(e) => setName(e.target.value)}
            name="name"
            data-testid="domain-name"
          />
        )}
      </Field>
      <Field label="Description" error={error?.fieldError('description')}>
        {(control) => (
          <textarea
            {...control}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            name="description"
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
