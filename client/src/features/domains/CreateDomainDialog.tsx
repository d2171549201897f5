import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { isApiError } from '../../lib/api';
import { paths } from '../../paths';
import { DomainFields, trimDomainText, type DomainText } from './DomainFields';
import { useCreateDomain } from './hooks';

export function CreateDomainDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const create = useCreateDomain();
  const navigate = useNavigate();
  const [key, setKey] = useState('');
  const [fields, setFields] = useState<DomainText>({ name: '', description: '', autoAdvance: false });
  const error = isApiError(create.error) ? create.error : null;

  function handleClose() {
    create.reset();
    onClose();
  }

  function handleSubmit() {
    create.mutate(
      { key: key.trim().toUpperCase(), ...trimDomainText(fields) },
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
      <DomainFields domain={fields} onChange={setFields} error={error} />
    </Dialog>
  );
}
