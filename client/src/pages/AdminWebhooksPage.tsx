import { useState, type FormEvent } from 'react';
import { NOTIFICATION_KINDS, type NotificationKind } from '@shared/api/inbox';
import type { WebhookFormat, WebhookView } from '@shared/api/webhooks';
import { Badge } from '../components/Badge';
import { Button } from '../components/Button';
import { ConfirmDialog } from '../components/Dialog';
import { Field, FormError, MissingFieldsContext, useRequiredCheck } from '../components/Field';
import { Forbidden } from '../components/Forbidden';
import { ErrorState, Loading, QueryStates } from '../components/States';
import { AdminNav } from '../features/admin/AdminNav';
import { useMe } from '../features/auth/hooks';
import { DomainSelect } from '../features/domains/DomainSelect';
import {
  useCreateWebhook,
  useDeleteWebhook,
  useDeliveries,
  useRedeliver,
  useUpdateWebhook,
  useWebhooks,
} from '../features/webhooks/hooks';
import { isApiError } from '../lib/api';
import { capitalize, formatDateTime } from '../lib/format';
import { useDocumentTitle } from '../lib/use-document-title';

export function AdminWebhooksPage() {
  useDocumentTitle('Webhooks');
  const me = useMe();
  const webhooks = useWebhooks();
  const items = webhooks.data?.items ?? [];
  const update = useUpdateWebhook();
  const remove = useDeleteWebhook();
  const [deleting, setDeleting] = useState<WebhookView | null>(null);
  if (!me.can.manageSettings) return <Forbidden what="manage webhooks" />;

  return (
    <>
      <h1>Admin</h1>
      <AdminNav me={me} />
      <section className="panel" aria-labelledby="webhooks-title">
        <h2 id="webhooks-title">Webhooks</h2>
        <p className="muted">
          Cairn POSTs signed JSON to these URLs for the same events that reach inboxes, and retries failed deliveries.
          To post to Slack, add a Slack incoming-webhook URL with the format “Slack”, for one domain or for everything:
          each event becomes a Block Kit message with a button back to Cairn.
        </p>
        {update.isError ? <FormError error={update.error} /> : null}
        <QueryStates query={webhooks} empty={items.length === 0} emptyTitle="No webhooks yet.">
          <ul className="item-list" data-testid="webhooks-list">
            {items.map((w) => (
              <li key={w.id} data-testid="webhook">
                <div className="row-between">
                  <div>
                    <strong className="mono">{w.url}</strong>
                    <div className="row small">
                      {w.active ? <Badge tone="success">Active</Badge> : <Badge tone="muted">Paused</Badge>}
                      {w.format === 'slack' ? <Badge tone="info">Slack</Badge> : null}
                      <span className="muted" data-testid="webhook-scope">
                        {w.domainKey ? `only ${w.domainKey}` : 'all domains'}
                      </span>
                      <span className="muted">secret {w.secretHint}</span>
                      <span className="muted">{w.eventTypes.map(capitalize).join(', ')}</span>
                    </div>
                  </div>
                  <div className="row">
                    <Button
                      size="small"
                      onClick={() => update.mutate({ id: w.id, request: { active: !w.active } })}
                      aria-label={`${w.active ? 'Pause' : 'Activate'} ${w.url}`}
                    >
                      {w.active ? 'Pause' : 'Activate'}
                    </Button>
                    <Button size="small" variant="ghost" onClick={() => setDeleting(w)} aria-label={`Delete ${w.url}`}>
                      Delete
                    </Button>
                  </div>
                </div>
                <Deliveries webhookId={w.id} />
              </li>
            ))}
          </ul>
        </QueryStates>
        <CreateWebhookForm />
      </section>
      <ConfirmDialog
        open={deleting !== null}
        title="Delete this webhook?"
        message={<p>{deleting?.url} will no longer receive events.</p>}
        confirmLabel="Delete webhook"
        danger
        busy={remove.isPending}
        error={remove.error}
        onCancel={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })}
      />
    </>
  );
}

function Deliveries({ webhookId }: { webhookId: string }) {
  const [open, setOpen] = useState(false);
  const deliveries = useDeliveries(webhookId, open);
  const redeliver = useRedeliver();
  return (
    <details onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)} style={{ marginTop: '0.4rem' }}>
      <summary className="small">Recent deliveries</summary>
      {!open ? null : deliveries.isPending ? (
        <Loading />
      ) : deliveries.isError ? (
        <ErrorState error={deliveries.error} onRetry={() => deliveries.refetch()} />
      ) : deliveries.data.items.length === 0 ? (
        <p className="muted small">Nothing delivered yet.</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Event</th>
                <th scope="col">Status</th>
                <th scope="col">Attempts</th>
                <th scope="col">Last answer</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {deliveries.data.items.map((d) => (
                <tr key={d.id}>
                  <td className="nowrap">{formatDateTime(d.createdAt)}</td>
                  <td>{capitalize(d.eventType)}</td>
                  <td>
                    <Badge tone={d.status === 'succeeded' ? 'success' : d.status === 'failed' ? 'danger' : 'muted'}>
                      {capitalize(d.status)}
                    </Badge>
                  </td>
                  <td>{d.attempts}</td>
                  <td className="small">{d.lastStatusCode ?? d.lastError ?? '—'}</td>
                  <td>
                    <Button
                      size="small"
                      onClick={() => redeliver.mutate(d.id)}
                      busy={redeliver.isPending && redeliver.variables === d.id}
                    >
                      Redeliver
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </details>
  );
}

function CreateWebhookForm() {
  const create = useCreateWebhook();
  const [url, setUrl] = useState('');
  const [secret, setSecret] = useState('');
  const [events, setEvents] = useState<NotificationKind[]>([...NOTIFICATION_KINDS]);
  const [format, setFormat] = useState<WebhookFormat>('standard');
  const [domainKey, setDomainKey] = useState('');
  const [createdSecret, setCreatedSecret] = useState<string | null>(null);
  const error = isApiError(create.error) ? create.error : null;

  const required = useRequiredCheck();

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!required.check(event.currentTarget)) return;
    setCreatedSecret(null);
    create.mutate(
      { url: url.trim(), secret: secret.trim() || undefined, eventTypes: events, format, domainKey: domainKey || null },
      {
        onSuccess: (created) => {
          setUrl('');
          setSecret('');
          setCreatedSecret((created as { secret?: string }).secret ?? null);
        },
      },
    );
  }

  return (
    <form
      onSubmit={handleSubmit}
      noValidate
      aria-label="Add a webhook"
      style={{ marginTop: '1rem' }}
      data-testid="add-webhook-form"
      onInput={required.onInput}
    >
      <MissingFieldsContext.Provider value={required.missing}>
        <h3>Add a webhook</h3>
        <div className="field-row">
          <Field label="URL" error={error?.fieldError('url')} required>
            {(control) => (
              <input
                {...control}
                type="url"
                value={url}
                onChange={(e) => setUrl(e.target.value)}
                data-testid="webhook-url"
              />
            )}
          </Field>
          <Field label="Secret" hint="Leave empty to have one generated." error={error?.fieldError('secret')}>
            {(control) => (
              <input
                {...control}
                value={secret}
                onChange={(e) => setSecret(e.target.value)}
                data-testid="webhook-secret"
                autoComplete="off"
              />
            )}
          </Field>
        </div>
        <div className="field-row">
          <Field label="Format" hint="Slack: a Block Kit message for a Slack incoming webhook.">
            {(control) => (
              <select
                {...control}
                value={format}
                onChange={(e) => setFormat(e.target.value as WebhookFormat)}
                data-testid="webhook-format"
              >
                <option value="standard">Signed JSON (Standard Webhooks)</option>
                <option value="slack">Slack</option>
              </select>
            )}
          </Field>
          <div className="field">
            <span className="field-label">Domain</span>
            <DomainSelect
              value={domainKey}
              onChange={setDomainKey}
              emptyLabel="Every domain"
              aria-label="Only this domain's events"
              testId="webhook-domain"
            />
            {error?.fieldError('domainKey') ? <p className="field-error">{error.fieldError('domainKey')}</p> : null}
          </div>
        </div>
        <fieldset>
          <legend>Events</legend>
          <div className="row">
            {NOTIFICATION_KINDS.map((kind) => (
              <label key={kind} className="checkbox">
                <input
                  type="checkbox"
                  checked={events.includes(kind)}
                  onChange={(e) =>
                    setEvents((current) => (e.target.checked ? [...current, kind] : current.filter((k) => k !== kind)))
                  }
                />
                {capitalize(kind)}
              </label>
            ))}
          </div>
          {error?.fieldError('eventTypes') ? <p className="field-error">{error.fieldError('eventTypes')}</p> : null}
        </fieldset>
        <FormError error={create.error} handledFields={['url', 'secret', 'eventTypes', 'domainKey']} />
        {createdSecret ? (
          <p className="notice notice-success" role="status" data-testid="webhook-created-secret">
            Webhook added. Its secret, shown only now: <code>{createdSecret}</code>
          </p>
        ) : null}
        <Button type="submit" variant="primary" busy={create.isPending} data-testid="add-webhook">
          Add webhook
        </Button>
      </MissingFieldsContext.Provider>
    </form>
  );
}
