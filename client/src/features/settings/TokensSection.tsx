import { useState, type FormEvent } from 'react';
import type { ApiTokenView, CreatedToken } from '@shared/api/auth';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/Dialog';
import { Field, FormError, MissingFieldsContext, useRequiredCheck } from '../../components/Field';
import { OptionSelect, type SelectOption } from '../../components/OptionSelect';
import { QueryStates } from '../../components/States';
import { isApiError } from '../../lib/api';
import { formatDate, formatDateTime, formatRelative } from '../../lib/format';
import { useCreateToken, useRevokeToken, useTokens } from './hooks';

type Expiry = '7' | '30' | '90' | '365' | 'never';
const EXPIRY_OPTIONS: SelectOption<Expiry>[] = [
  { value: '7', label: '7 days' },
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year' },
  { value: 'never', label: 'Never' },
];

function tokenState(token: ApiTokenView, now: number): { label: string; tone: 'success' | 'muted' | 'danger' } {
  if (token.revokedAt) return { label: 'Revoked', tone: 'muted' };
  if (token.expiresAt && Date.parse(token.expiresAt) <= now) return { label: 'Expired', tone: 'danger' };
  return { label: 'Active', tone: 'success' };
}

/** Personal API tokens: created with a name and an expiry, the secret shown once, revoked here. */
export function TokensSection() {
  const tokens = useTokens();
  const revoke = useRevokeToken();
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [revoking, setRevoking] = useState<ApiTokenView | null>(null);
  const list = tokens.data ?? [];
  const now = Date.now();

  return (
    <section className="panel" aria-labelledby="tokens-title">
      <h2 id="tokens-title">API tokens</h2>
      <p className="muted">
        For scripts and integrations: send <code>Authorization: Bearer &lt;token&gt;</code> to the API. A token acts as
        you, with your role.
      </p>
      <CreateTokenForm onCreated={setCreated} />
      {created ? (
        <div className="notice notice-success token-secret" role="status" data-testid="token-secret">
          <p>
            <strong>{created.name}</strong> is created. Copy its token now: it is shown only this once.
          </p>
          <code className="mono" data-testid="token-secret-value">
            {created.token}
          </code>
          <div className="row">
            <Button size="small" onClick={() => void navigator.clipboard?.writeText(created.token)}>
              Copy
            </Button>
            <Button size="small" variant="ghost" onClick={() => setCreated(null)} data-testid="token-secret-dismiss">
              I have copied it
            </Button>
          </div>
        </div>
      ) : null}
      <h3>Your tokens</h3>
      <QueryStates query={tokens} empty={list.length === 0} emptyTitle="You have no API tokens.">
        <div className="table-wrap">
          <table className="data-table" data-testid="tokens-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Starts with</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">Expires</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((token) => {
                const state = tokenState(token, now);
                return (
                  <tr key={token.id} data-testid={`token-row-${token.name}`}>
                    <td>{token.name}</td>
                    <td className="mono">{token.prefix}…</td>
                    <td>{formatDate(token.createdAt)}</td>
                    <td title={token.lastUsedAt ? formatDateTime(token.lastUsedAt) : undefined}>
                      {token.lastUsedAt ? formatRelative(token.lastUsedAt, now) : 'Never'}
                    </td>
                    <td>{token.expiresAt ? formatDate(token.expiresAt) : 'Never'}</td>
                    <td>
                      <Badge tone={state.tone}>{state.label}</Badge>
                    </td>
                    <td>
                      {state.label === 'Active' ? (
                        <Button
                          size="small"
                          variant="danger"
                          onClick={() => setRevoking(token)}
                          aria-label={`Revoke ${token.name}`}
                          data-testid="token-revoke"
                        >
                          Revoke
                        </Button>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </QueryStates>
      <ConfirmDialog
        open={revoking !== null}
        title="Revoke this token?"
        message={`Scripts using “${revoking?.name ?? ''}” stop working at once. This cannot be undone.`}
        confirmLabel="Revoke token"
        danger
        busy={revoke.isPending}
        error={revoke.error}
        onCancel={() => setRevoking(null)}
        onConfirm={() => revoking && revoke.mutate(revoking.id, { onSuccess: () => setRevoking(null) })}
        testId="revoke-token-dialog"
      />
    </section>
  );
}

function CreateTokenForm({ onCreated }: { onCreated: (token: CreatedToken) => void }) {
  const create = useCreateToken();
  const [name, setName] = useState('');
  const [expiry, setExpiry] = useState<Expiry>('90');
  const required = useRequiredCheck();
  const error = isApiError(create.error) ? create.error : null;

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!required.check(event.currentTarget)) return;
    create.mutate(
      { name: name.trim(), ...(expiry === 'never' ? {} : { expiresInDays: Number(expiry) }) },
      {
        onSuccess: (token) => {
          setName('');
          onCreated(token);
        },
      },
    );
  }

  return (
    <form
      onSubmit={handleSubmit}
      noValidate
      onInput={required.onInput}
      aria-label="Create a token"
      data-testid="create-token-form"
    >
      <MissingFieldsContext.Provider value={required.missing}>
        <div className="field-row">
          <Field
            label="Token name"
            hint="What it is for, e.g. nightly export"
            error={error?.fieldError('name')}
            required
          >
            {(control) => (
              <input {...control} value={name} onChange={(e) => setName(e.target.value)} data-testid="token-name" />
            )}
          </Field>
          <Field label="Expires after" error={error?.fieldError('expiresInDays')}>
            {(control) => (
              <OptionSelect
                {...control}
                value={expiry}
                onChange={setExpiry}
                options={EXPIRY_OPTIONS}
                testId="token-expiry"
              />
            )}
          </Field>
        </div>
        <FormError error={create.error} handledFields={['name', 'expiresInDays']} />
        <Button type="submit" variant="primary" busy={create.isPending} data-testid="token-create">
          Create token
        </Button>
      </MissingFieldsContext.Provider>
    </form>
  );
}
