import { useCallback, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { CurrentUser } from '@shared/api/auth';
import type { DomainView } from '@shared/api/domains';
import type { ArtifactView } from '@shared/api/tickets';
import { ARTIFACT_TYPES, type ArtifactType } from '@shared/api/enums';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Field } from '../../components/Field';
import { PagedGroup } from '../../components/PagedGroup';
import { EmptyState, Loading } from '../../components/States';
import { isApiError } from '../../lib/api';
import { ARTIFACT_STATUS_LABELS, capitalize, formatDate, pluralize } from '../../lib/format';
import { useSectionTotals, type SectionTotal } from '../../lib/use-section-totals';
import { paths } from '../../paths';
import { ARTIFACT_DETAIL_FIELDS, ArtifactFormDialog } from './ArtifactFormDialog';
import { useAddCaveat, useArtifacts } from './hooks';
import { DbtSource } from '../dbt/DbtSource';
import { DbtSyncDialog } from '../dbt/DbtSyncDialog';

/**
 * Metrics, datasets and analyses of the domain, each with its caveats. Each type asks for its own
 * first page and shows its total; "Show more" adds the next page.
 */
export function ArtifactList({ domain, me }: { domain: DomainView; me: CurrentUser }) {
  const sections = useSectionTotals(ARTIFACT_TYPES);
  const [editing, setEditing] = useState<ArtifactView | 'new' | null>(null);
  const [syncing, setSyncing] = useState(false);
  const mayMutate = me.can.contribute;

  return (
    <section className="panel" aria-labelledby="artifacts-title">
      <div className="panel-title">
        <h2 id="artifacts-title">Artifacts</h2>
        {mayMutate ? (
          <Button onClick={() => setSyncing(true)} data-testid="dbt-sync">
            Sync from dbt
          </Button>
        ) : null}
        {mayMutate ? (
          <Button
            variant="primary"
            onClick={() => setEditing('new')}
            disabledReason={domain.can.createArtifact ? null : 'You cannot create artifacts in this domain'}
            data-testid="new-artifact"
          >
            New artifact
          </Button>
        ) : null}
      </div>
      {ARTIFACT_TYPES.map((type) => (
        <TypeArtifacts
          key={type}
          domainKey={domain.key}
          type={type}
          onTotal={sections.report}
          mayMutate={mayMutate}
          onEdit={setEditing}
        />
      ))}
      {sections.waiting ? <Loading label="Loading artifacts…" /> : null}
      {sections.empty ? (
        <EmptyState title="No artifacts yet.">
          <p>Scoping produces metric definitions, curated datasets and example analyses.</p>
        </EmptyState>
      ) : null}
      <ArtifactFormDialog
        open={editing !== null}
        onClose={() => setEditing(null)}
        domainKey={domain.key}
        artifact={editing && editing !== 'new' ? editing : undefined}
      />
      {syncing ? <DbtSyncDialog domainKey={domain.key} onClose={() => setSyncing(false)} /> : null}
    </section>
  );
}

const TYPE_PLURALS: Record<ArtifactType, string> = { metric: 'metrics', dataset: 'datasets', analysis: 'analyses' };

interface TypeArtifactsProps {
  domainKey: string;
  type: ArtifactType;
  onTotal: (type: ArtifactType, total: SectionTotal) => void;
  mayMutate: boolean;
  onEdit: (artifact: ArtifactView) => void;
}

/** The domain's artifacts of one type, by name, a page at a time. */
function TypeArtifacts({ domainKey, type, onTotal, mayMutate, onEdit }: TypeArtifactsProps) {
  const artifacts = useArtifacts(domainKey, type);
  const handleTotal = useCallback((total: SectionTotal) => onTotal(type, total), [onTotal, type]);
  return (
    <PagedGroup
      query={artifacts}
      title={capitalize(TYPE_PLURALS[type])}
      count={(total) => pluralize(total, type, TYPE_PLURALS[type])}
      testId={`artifacts-type-${type}`}
      onTotal={handleTotal}
    >
      {(items) =>
        items.map((artifact) => (
          <ArtifactCard
            key={artifact.id}
            artifact={artifact}
            domainKey={domainKey}
            mayMutate={mayMutate}
            onEdit={() => onEdit(artifact)}
          />
        ))
      }
    </PagedGroup>
  );
}

interface ArtifactCardProps {
  artifact: ArtifactView;
  domainKey: string;
  mayMutate: boolean;
  onEdit: () => void;
}

export function ArtifactCard({ artifact, domainKey, mayMutate, onEdit }: ArtifactCardProps) {
  const fields = ARTIFACT_DETAIL_FIELDS[artifact.type] ?? [];
  const extra = Object.keys(artifact.details).filter((k) => !fields.some((f) => f.key === k));
  return (
    <article className="artifact-card" data-testid={`artifact-${artifact.id}`} aria-label={artifact.name}>
      <div className="row-between">
        <div className="row">
          <strong>
            <Link to={paths.artifact(artifact.id)} title="Its catalog page, to share">
              {artifact.name}
            </Link>
          </strong>
          <Badge
            tone={artifact.status === 'ready' ? 'success' : artifact.status === 'deprecated' ? 'muted' : 'neutral'}
            testId="artifact-status-badge"
          >
            {ARTIFACT_STATUS_LABELS[artifact.status]}
          </Badge>
        </div>
        {mayMutate ? (
          <Button
            size="small"
            onClick={onEdit}
            disabledReason={artifact.can.edit ? null : 'You cannot edit this artifact'}
            aria-label={`Edit ${artifact.name}`}
            data-testid="edit-artifact"
          >
            Edit
          </Button>
        ) : null}
      </div>
      {artifact.description ? <p>{artifact.description}</p> : null}
      {artifact.dbt ? <DbtSource source={artifact.dbt} /> : null}
      <dl className="artifact-details">
        {fields
          .filter((f) => artifact.details[f.key])
          .map((f) => (
            <div key={f.key} style={{ display: 'contents' }}>
              <dt>{f.label}</dt>
              <dd>{f.key === 'formula' ? <code>{artifact.details[f.key]}</code> : artifact.details[f.key]}</dd>
            </div>
          ))}
        {extra.map((k) => (
          <div key={k} style={{ display: 'contents' }}>
            <dt>{capitalize(k)}</dt>
            <dd>{artifact.details[k]}</dd>
          </div>
        ))}
        <dt>Owner</dt>
        <dd>{artifact.owner?.name ?? '—'}</dd>
        <dt>Updated</dt>
        <dd>{formatDate(artifact.updatedAt)}</dd>
      </dl>
      <Caveats artifact={artifact} domainKey={domainKey} mayAdd={mayMutate && artifact.can.edit} />
    </article>
  );
}

function Caveats({ artifact, domainKey, mayAdd }: { artifact: ArtifactView; domainKey: string; mayAdd: boolean }) {
  const addCaveat = useAddCaveat(domainKey);
  const [text, setText] = useState('');
  const [adding, setAdding] = useState(false);
  const error = isApiError(addCaveat.error) ? addCaveat.error : null;

  const [missing, setMissing] = useState(false);

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    setMissing(!text.trim());
    if (!text.trim()) return;
    addCaveat.mutate(
      { id: artifact.id, request: { text: text.trim() } },
      {
        onSuccess: () => {
          setText('');
          setAdding(false);
        },
      },
    );
  }

  if (!artifact.caveats.length && !mayAdd) return null;
  const none = artifact.caveats.length === 0;
  return (
    // the warning colour only where there is something to be warned of
    <div className={none ? 'caveats caveats-none' : 'caveats'} data-testid="caveats">
      <strong>Caveats</strong>
      {artifact.caveats.length ? (
        <ul>
          {artifact.caveats.map((c) => (
            <li key={c.id} data-testid="caveat">
              {c.text}{' '}
              <span className="muted small">
                ({c.author?.name ?? 'unknown'}, {formatDate(c.createdAt)}
                {c.investigationId ? `, from investigation #${c.investigationId}` : ''})
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="small muted">No caveats recorded.</p>
      )}
      {mayAdd && !adding ? (
        <Button size="small" variant="ghost" onClick={() => setAdding(true)} data-testid="add-caveat">
          Add caveat
        </Button>
      ) : null}
      {mayAdd && adding ? (
        <form onSubmit={handleSubmit} aria-label={`Add a caveat to ${artifact.name}`}>
          <Field
            label="Caveat"
            required
            error={
              (missing ? 'Caveat is required.' : undefined) ??
              error?.fieldError('text') ??
              (error && !error.errors.length ? error.detail : undefined)
            }
          >
            {(control) => (
              <input
                {...control}
                value={text}
                onChange={(e) => setText(e.target.value)}
                data-testid="caveat-text"
                autoFocus
              />
            )}
          </Field>
          <div className="row">
            <Button type="submit" variant="primary" size="small" busy={addCaveat.isPending} data-testid="caveat-submit">
              Add caveat
            </Button>
            <Button size="small" onClick={() => setAdding(false)}>
              Cancel
            </Button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
