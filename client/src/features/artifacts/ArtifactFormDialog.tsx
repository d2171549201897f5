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

  function handleSubmit() {
    const keep = Object.fromEntries(
      detailFields.map((f) => [f.key, (details[f.key] ?? '').trim()]).filter(([, v]) => v !== ''),
    );
    const common = {
      name: name.trim(),
      status,
      description: description.trim(),
      details: keep,
      ownerId: ownerId || null,
    };
    if (artifact)
      update.mutate({ id: artifact.id, version: artifact.version, request: common }, { onSuccess: onClose });
    else create.mutate({ type, ...common }, { onSuccess: onClose });
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
          {(control) => (
            <UserSelect
              {...control}
              value={ownerId}
              onChange={setOwnerId}
              emptyLabel="No owner"
              testId="artifact-owner"
            />
          )}
        </Field>
      </div>
      <Field label="Name" error={error?.fieldError('name')} required>
        {(control) => (
          <input
            {...control}
            value={name}
            onChange={(e) => setName(e.target.value)}
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
                rows={3}
                data-testid={`artifact-detail-${f.key}`}
              />
            ) : (
              <input
                {...control}
                value={details[f.key] ?? ''}
                onChange={(e) => setDetails((d) => ({ ...d, [f.key]: e.target.value }))}
                data-testid={`artifact-detail-${f.key}`}
              />
            )
          }
        </Field>
      ))}
    </Dialog>
  );
}
