import { useState } from 'react';
import { ARTIFACT_STATUSES, ARTIFACT_TYPES, type ArtifactStatus, type ArtifactType } from '@shared/api/enums';
import type { ArtifactView } from '@shared/api/tickets';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { OptionSelect, toOptions } from '../../components/OptionSelect';
import { isApiError } from '../../lib/api';
import { ARTIFACT_STATUS_LABELS, capitalize } from '../../lib/format';
import { UserSelect } from '../users/UserSelect';
import { useCreateArtifact, useUpdateArtifact } from './hooks';

const TYPE_OPTIONS = toOptions(ARTIFACT_TYPES, capitalize);
const STATUS_OPTIONS = toOptions(ARTIFACT_STATUSES, (s) => ARTIFACT_STATUS_LABELS[s]);

/** The details each artifact type records (PRODUCT.md 3). */
export const ARTIFACT_DETAIL_FIELDS: Record<ArtifactType, { key: string; label: string; multiline?: boolean }[]> = {
  metric: [
    { key: 'definition', label: 'Definition', multiline: true },
    { key: 'formula', label: 'Formula or SQL', multiline: true },
    { key: 'grain', label: 'Grain' },
  ],
  dataset: [
    { key: 'location', label: 'Location' },
    { key: 'grain', label: 'Grain' },
    { key: 'refresh', label: 'Refresh' },
  ],
  analysis: [
    { key: 'link', label: 'Link' },
    { key: 'question', label: 'Question it answers', multiline: true },
  ],
};

interface ArtifactFormDialogProps {
  open: boolean;
  onClose: () => void;
  domainKey: string;
  artifact?: ArtifactView;
}

export function ArtifactFormDialog(props: ArtifactFormDialogProps) {
  return props.open ? <ArtifactForm {...props} /> : null;
}

function ArtifactForm({ onClose, domainKey, artifact }: ArtifactFormDialogProps) {
  const create = useCreateArtifact(domainKey);
  const update = useUpdateArtifact(domainKey);
  const mutation = artifact ? update : create;
  const [type, setType] = useState<ArtifactType>(artifact?.type ?? 'metric');
  const [name, setName] = useState(artifact?.name ?? '');
  const [status, setStatus] = useState<ArtifactStatus>(artifact?.status ?? 'draft');
  const [description, setDescription] = useState(artifact?.description ?? '');
  const [ownerId, setOwnerId] = useState(artifact?.owner?.id ?? '');
  const [details, setDetails] = useState<Record<string, string>>(artifact?.details ?? {});
  const error = isApiError(mutation.error) ? mutation.error : null;
  const detailFields = ARTIFACT_DETAIL_FIELDS[type];
  // a dbt-synced artifact: the fields dbt owns are shown read-only and never sent
  const owned = new Set(artifact?.dbt?.ownedFields ?? []);
  const dbtHint = artifact?.dbt ? `Owned by dbt (${artifact.dbt.uniqueId}): change it in the dbt project` : undefined;

  function handleSubmit() {
    const keep = Object.fromEntries(
      detailFields
        .map((f) => [
          f.key,
          (owned.has(`details.${f.key}`) ? (artifact?.details[f.key] ?? '') : (details[f.key] ?? '')).trim(),
        ])
        .filter(([, v]) => v !== ''),
    );
    const common = {
      ...(owned.has('name') ? {} : { name: name.trim() }),
      status,
      ...(owned.has('description') ? {} : { description: description.trim() }),
      details: keep,
      ...(owned.has('ownerId') ? {} : { ownerId: ownerId || null }),
    };
    if (artifact)
      update.mutate({ id: artifact.id, version: artifact.version, request: common }, { onSuccess: onClose });
    else create.mutate({ type, ...common, name: name.trim() }, { onSuccess: onClose });
  }

  return (
    <Dialog
      open
      wide
      title={artifact ? `Edit ${artifact.name}` : 'New artifact'}
      onClose={onClose}
      onSubmit={handleSubmit}
      submitLabel={artifact ? 'Save artifact' : 'Create artifact'}
      busy={mutation.isPending}
      error={mutation.error}
      handledFields={['type', 'name', 'status', 'description', 'ownerId', ...detailFields.map((f) => f.key)]}
      testId="artifact-dialog"
    >
      {artifact?.dbt ? (
        <p className="muted" data-testid="artifact-dbt-note">
          Synced from dbt ({artifact.dbt.uniqueId}). Name, description, owner and{' '}
          {detailFields
            .filter((f) => owned.has(`details.${f.key}`))
            .map((f) => f.label.toLowerCase())
            .join(', ')}{' '}
          are read-only here: dbt owns them. Status and caveats are Cairn&apos;s.
        </p>
      ) : null}
      <div className="field-row">
        <Field label="Type" error={error?.fieldError('type')} required>
          {(control) => (
            <OptionSelect
              {...control}
              value={type}
              onChange={setType}
              options={TYPE_OPTIONS}
              disabled={Boolean(artifact)}
              testId="artifact-type"
            />
          )}
        </Field>
        <Field label="Status" error={error?.fieldError('status')}>
          {(control) => (
            <OptionSelect
              {...control}
              value={status}
              onChange={setStatus}
              options={STATUS_OPTIONS}
              testId="artifact-status"
            />
          )}
        </Field>
        <Field label="Owner" error={error?.fieldError('ownerId')}>
          {(control) =>
            owned.has('ownerId') ? (
              <input
                {...control}
                readOnly
                title={dbtHint}
                value={artifact?.owner?.name ?? artifact?.dbt?.ownerText ?? 'No owner'}
                data-testid="artifact-owner"
              />
            ) : (
              <UserSelect
                {...control}
                value={ownerId}
                onChange={setOwnerId}
                emptyLabel="No owner"
                testId="artifact-owner"
              />
            )
          }
        </Field>
      </div>
      <Field label="Name" error={error?.fieldError('name')} required>
        {(control) => (
          <input
            {...control}
            value={name}
            onChange={(e) => setName(e.target.value)}
            readOnly={owned.has('name')}
            title={owned.has('name') ? dbtHint : undefined}
            data-testid="artifact-name"
            autoFocus
          />
        )}
      </Field>
      <Field label="Description" error={error?.fieldError('description')}>
        {(control) => (
          <textarea
            {...control}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            readOnly={owned.has('description')}
            title={owned.has('description') ? dbtHint : undefined}
            rows={3}
            data-testid="artifact-description"
          />
        )}
      </Field>
      {detailFields.map((f) => (
        <Field key={f.key} label={f.label} error={error?.fieldError(f.key)}>
          {(control) =>
            f.multiline ? (
              <textarea
                {...control}
                value={details[f.key] ?? ''}
                onChange={(e) => setDetails((d) => ({ ...d, [f.key]: e.target.value }))}
                readOnly={owned.has(`details.${f.key}`)}
                title={owned.has(`details.${f.key}`) ? dbtHint : undefined}
                rows={3}
                data-testid={`artifact-detail-${f.key}`}
              />
            ) : (
              <input
                {...control}
                value={details[f.key] ?? ''}
                onChange={(e) => setDetails((d) => ({ ...d, [f.key]: e.target.value }))}
                readOnly={owned.has(`details.${f.key}`)}
                title={owned.has(`details.${f.key}`) ? dbtHint : undefined}
                data-testid={`artifact-detail-${f.key}`}
              />
            )
          }
        </Field>
      ))}
    </Dialog>
  );
}
