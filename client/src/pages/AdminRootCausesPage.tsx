import { useState, type FormEvent } from 'react';
import type { RootCauseView } from '@shared/api/investigations';
import { Badge } from '../components/Badge';
import { Button } from '../components/Button';
import { Field, FormError, MissingFieldsContext, useRequiredCheck } from '../components/Field';
import { Forbidden } from '../components/Forbidden';
import { QueryStates } from '../components/States';
import { AdminNav } from '../features/admin/AdminNav';
import { useCreateRootCause, useUpdateRootCause } from '../features/admin/hooks';
import { useMe } from '../features/auth/hooks';
import { useRootCauses } from '../features/investigations/hooks';
import { isApiError } from '../lib/api';
import { useDocumentTitle } from '../lib/use-document-title';

export function AdminRootCausesPage() {
  useDocumentTitle('Root causes');
  const me = useMe();
  const rootCauses = useRootCauses();
  const causes = rootCauses.data ?? [];
  const update = useUpdateRootCause();
  if (!me.can.manageSettings) return <Forbidden what="manage root causes" />;
  return (
    <>
      <h1>Admin</h1>
      <AdminNav me={me} />
      <section className="panel" aria-labelledby="root-causes-title">
        <h2 id="root-causes-title">Root causes</h2>
        <p className="muted">
          What a resolved investigation can be traced back to. Retired causes stay on past investigations.
        </p>
        {update.isError ? <FormError error={update.error} /> : null}
        <QueryStates query={rootCauses} empty={causes.length === 0} emptyTitle="No root causes defined.">
          <div className="table-wrap">
            <table className="data-table" data-testid="root-causes-table">
              <thead>
                <tr>
                  <th scope="col">Key</th>
                  <th scope="col">Label</th>
                  <th scope="col">Status</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {causes.map((rc) => (
                  <RootCauseRow
                    key={rc.key}
                    rootCause={rc}
                    onSave={(request) => update.mutate({ key: rc.key, request })}
                    busy={update.isPending}
                  />
                ))}
              </tbody>
            </table>
          </div>
        </QueryStates>
        <AddRootCauseForm />
      </section>
    </>
  );
}

interface RootCauseRowProps {
  rootCause: RootCauseView;
  onSave: (request: { label?: string; retired?: boolean }) => void;
  busy: boolean;
}

function RootCauseRow({ rootCause, onSave, busy }: RootCauseRowProps) {
  const [label, setLabel] = useState(rootCause.label);
  const changed = label.trim() !== rootCause.label;
  return (
    <tr data-testid={`root-cause-${rootCause.key}`}>
      <td className="mono">{rootCause.key}</td>
      <td className="cell-grow">
        <input
          className="input-fill"
          aria-label={`Label of ${rootCause.key}`}
          value={label}
          onChange={(e) => setLabel(e.target.value)}
          size={Math.max(24, label.length + 2)}
        />
      </td>
      <td>{rootCause.retired ? <Badge tone="muted">Retired</Badge> : <Badge tone="success">In use</Badge>}</td>
      <td className="row">
        <Button
          size="small"
          variant="primary"
          onClick={() => onSave({ label: label.trim() })}
          disabledReason={changed ? null : 'Nothing changed'}
          busy={busy && changed}
        >
          Save
        </Button>
        <Button
          size="small"
          onClick={() => onSave({ retired: !rootCause.retired })}
          aria-label={`${rootCause.retired ? 'Restore' : 'Retire'} ${rootCause.key}`}
        >
          {rootCause.retired ? 'Restore' : 'Retire'}
        </Button>
      </td>
    </tr>
  );
}

function AddRootCauseForm() {
  const create = useCreateRootCause();
  const [key, setKey] = useState('');
  const [label, setLabel] = useState('');
  const error = isApiError(create.error) ? create.error : null;
  const required = useRequiredCheck();
  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!required.check(event.currentTarget)) return;
    create.mutate(
      { key: key.trim(), label: label.trim() },
      {
        onSuccess: () => {
          setKey('');
          setLabel('');
        },
      },
    );
  }
  return (
    <form
      onSubmit={handleSubmit}
      noValidate
      aria-label="Add a root cause"
      style={{ marginTop: '1rem' }}
      data-testid="add-root-cause-form"
      onInput={required.onInput}
    >
      <MissingFieldsContext.Provider value={required.missing}>
        <h3>Add a root cause</h3>
        <div className="field-row">
          <Field label="Key" hint="snake_case, e.g. vendor_outage" error={error?.fieldError('key')} required>
            {(control) => (
              <input {...control} value={key} onChange={(e) => setKey(e.target.value)} data-testid="root-cause-key" />
            )}
          </Field>
          <Field label="Label" error={error?.fieldError('label')} required>
            {(control) => (
              <input
                {...control}
                value={label}
                onChange={(e) => setLabel(e.target.value)}
                data-testid="root-cause-label"
              />
            )}
          </Field>
        </div>
        <FormError error={create.error} handledFields={['key', 'label']} />
        <Button type="submit" variant="primary" busy={create.isPending} data-testid="add-root-cause">
          Add root cause
        </Button>
      </MissingFieldsContext.Provider>
    </form>
  );
}
