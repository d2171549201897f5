import { useState, type FormEvent } from 'react';
import type { ConnectionTestResult, DataSourceView, SourceKind } from '@shared/api/monitors';
import { Badge } from '../components/Badge';
import { Button } from '../components/Button';
import { ConfirmDialog } from '../components/Dialog';
import { Field, FormError, MissingFieldsContext, useRequiredCheck } from '../components/Field';
import { Forbidden } from '../components/Forbidden';
import { QueryStates } from '../components/States';
import { AdminNav } from '../features/admin/AdminNav';
import { useMe } from '../features/auth/hooks';
import { useCreateSource, useDeleteSource, useSources, useTestSource } from '../features/monitors/hooks';
import { isApiError } from '../lib/api';
import { useDocumentTitle } from '../lib/use-document-title';

export function AdminSourcesPage() {
  useDocumentTitle('Data sources');
  const me = useMe();
  const sources = useSources(me.can.manageSettings);
  const remove = useDeleteSource();
  const [deleting, setDeleting] = useState<DataSourceView | null>(null);
  if (!me.can.manageSettings) return <Forbidden what="manage data sources" />;
  const items = sources.data ?? [];
  return (
    <>
      <h1>Admin</h1>
      <AdminNav me={me} />
      <section className="panel" aria-labelledby="sources-title">
        <h2 id="sources-title">Data sources</h2>
        <p className="muted">
          Where monitors read their metrics: a PostgreSQL server (as a role that may only SELECT) or DuckDB over
          files on this machine. Every query runs read-only, with a statement timeout and a row cap; passwords are
          stored encrypted and never shown again.
        </p>
        <QueryStates query={sources} empty={items.length === 0} emptyTitle="No data sources yet.">
          <ul className="item-list" data-testid="sources-list">
            {items.map((source) => (
              <SourceRow key={source.id} source={source} onDelete={() => setDeleting(source)} />
            ))}
          </ul>
        </QueryStates>
        <CreateSourceForm />
      </section>
      <ConfirmDialog
        open={deleting !== null}
        title="Delete this data source?"
        message={<p>{deleting?.name} will be removed. Monitors reading from it must be deleted first.</p>}
        confirmLabel="Delete data source"
        danger
        busy={remove.isPending}
        error={remove.error}
        onCancel={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })}
      />
    </>
  );
}

function where(source: DataSourceView): string {
  return source.kind === 'postgres'
    ? `${source.user ?? ''}@${source.host ?? ''}:${source.port ?? 5432}/${source.database ?? ''}`
    : (source.path ?? '');
}

function SourceRow({ source, onDelete }: { source: DataSourceView; onDelete: () => void }) {
  const test = useTestSource();
  const [result, setResult] = useState<ConnectionTestResult | null>(null);
  return (
    <li data-testid="source">
      <div className="row-between">
        <div>
          <strong>{source.name}</strong>{' '}
          <Badge tone="muted">{source.kind === 'postgres' ? 'PostgreSQL' : 'DuckDB'}</Badge>
          <div className="row small">
            <span className="mono">{where(source)}</span>
            {source.kind === 'postgres' ? (
              <span className="muted">{source.hasPassword ? 'password stored (encrypted)' : 'no password'}</span>
            ) : null}
            <span className="muted">
              timeout {source.statementTimeoutMs / 1000} s, at most {source.rowLimit.toLocaleString()} rows
            </span>
          </div>
        </div>
        <div className="row">
          <Button
            size="small"
            busy={test.isPending}
            onClick={() => test.mutate(source.id, { onSuccess: setResult })}
            aria-label={`Test connection to ${source.name}`}
            data-testid="test-source"
          >
            Test connection
          </Button>
          <Button size="small" variant="ghost" onClick={onDelete} aria-label={`Delete ${source.name}`}>
            Delete
          </Button>
        </div>
      </div>
      {result ? (
        <p
          className={`notice ${result.ok ? 'notice-success' : 'notice-danger'}`}
          role="status"
          data-testid="source-test-result"
        >
          {result.ok ? 'Connected' : 'Failed'}: {result.message} ({result.ms} ms)
        </p>
      ) : null}
      <FormError error={test.error} />
    </li>
  );
}

function CreateSourceForm() {
  const create = useCreateSource();
  const [kind, setKind] = useState<SourceKind>('postgres');
  const [name, setName] = useState('');
  const [host, setHost] = useState('');
  const [port, setPort] = useState('5432');
  const [database, setDatabase] = useState('');
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const [path, setPath] = useState('');
  const error = isApiError(create.error) ? create.error : null;
  const required = useRequiredCheck();

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!required.check(event.currentTarget)) return;
    const request =
      kind === 'postgres'
        ? {
            name: name.trim(),
            kind,
            host: host.trim(),
            port: Number(port) || 5432,
            database: database.trim(),
            user: user.trim(),
            password: password || undefined,
          }
        : { name: name.trim(), kind, path: path.trim() };
    create.mutate(request, {
      onSuccess: () => {
        setName('');
        setPassword('');
        setPath('');
      },
    });
  }

  return (
    <form
      onSubmit={handleSubmit}
      noValidate
      aria-label="Add a data source"
      style={{ marginTop: '1rem' }}
      data-testid="add-source-form"
      onInput={required.onInput}
    >
      <MissingFieldsContext.Provider value={required.missing}>
        <h3>Add a data source</h3>
        <div className="field-row">
          <Field label="Name" error={error?.fieldError('name')} required>
            {(control) => <input {...control} value={name} onChange={(e) => setName(e.target.value)} data-testid="source-name" />}
          </Field>
          <Field label="Kind" error={error?.fieldError('kind')}>
            {(control) => (
              <select {...control} value={kind} onChange={(e) => setKind(e.target.value as SourceKind)} data-testid="source-kind">
                <option value="postgres">PostgreSQL</option>
                <option value="duckdb">DuckDB (local files)</option>
              </select>
            )}
          </Field>
        </div>
        {kind === 'postgres' ? (
          <div className="field-row">
            <Field label="Host" error={error?.fieldError('host')} required>
              {(control) => <input {...control} value={host} onChange={(e) => setHost(e.target.value)} data-testid="source-host" />}
            </Field>
            <Field label="Port" error={error?.fieldError('port')}>
              {(control) => (
                <input {...control} inputMode="numeric" value={port} onChange={(e) => setPort(e.target.value)} data-testid="source-port" />
              )}
            </Field>
            <Field label="Database" error={error?.fieldError('database')} required>
              {(control) => (
                <input {...control} value={database} onChange={(e) => setDatabase(e.target.value)} data-testid="source-database" />
              )}
            </Field>
            <Field label="User" hint="A role that may only SELECT." error={error?.fieldError('user')} required>
              {(control) => <input {...control} value={user} onChange={(e) => setUser(e.target.value)} data-testid="source-user" autoComplete="off" />}
            </Field>
            <Field label="Password" hint="Stored encrypted; never shown again." error={error?.fieldError('password')}>
              {(control) => (
                <input
                  {...control}
                  type="password"
                  value={password}
                  onChange={(e) => setPassword(e.target.value)}
                  data-testid="source-password"
                  autoComplete="new-password"
                />
              )}
            </Field>
          </div>
        ) : (
          <Field
            label="Path"
            hint="An absolute path: a .duckdb file (opened read-only) or a folder of CSV / Parquet files (one view per file)."
            error={error?.fieldError('path')}
            required
          >
            {(control) => <input {...control} value={path} onChange={(e) => setPath(e.target.value)} data-testid="source-path" />}
          </Field>
        )}
        <FormError error={create.error} handledFields={['name', 'kind', 'host', 'port', 'database', 'user', 'password', 'path']} />
        <Button type="submit" variant="primary" busy={create.isPending} data-testid="add-source">
          Add data source
        </Button>
      </MissingFieldsContext.Provider>
    </form>
  );
}
