import { useState } from 'react';
import type { DbtSelector } from '@shared/api/dbt';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { Loading } from '../../components/States';
import { isApiError } from '../../lib/api';
import { useDbtStatus, usePutDbtSelector } from './hooks';

const list = (text: string) =>
  text
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter(Boolean);

/** The domain's dbt settings: which nodes of the dbt project are its artifacts. */
export function DbtSelectorDialog({ domainKey, onClose }: { domainKey: string; onClose: () => void }) {
  const status = useDbtStatus(domainKey);
  return (
    <>
      {status.data ? (
        <SelectorForm domainKey={domainKey} selector={status.data.selector} onClose={onClose} />
      ) : (
        <Dialog open title="dbt selector" onClose={onClose}>
          <Loading label="Loading the dbt settings…" />
        </Dialog>
      )}
    </>
  );
}

function SelectorForm({
  domainKey,
  selector,
  onClose,
}: {
  domainKey: string;
  selector: DbtSelector;
  onClose: () => void;
}) {
  const save = usePutDbtSelector(domainKey);
  const [groups, setGroups] = useState(selector.groups.join(', '));
  const [tags, setTags] = useState(selector.tags.join(', '));
  const [prefixes, setPrefixes] = useState(selector.pathPrefixes.join('\n'));
  const [uniqueIds, setUniqueIds] = useState(selector.uniqueIds.join('\n'));
  const [repoUrl, setRepoUrl] = useState(selector.repoUrl ?? '');
  const error = isApiError(save.error) ? save.error : null;

  function handleSubmit() {
    save.mutate(
      {
        groups: list(groups),
        tags: list(tags),
        pathPrefixes: list(prefixes),
        uniqueIds: list(uniqueIds),
        repoUrl: repoUrl.trim() || null,
      },
      { onSuccess: onClose },
    );
  }

  return (
    <Dialog
      open
      title="dbt selector"
      onClose={onClose}
      onSubmit={handleSubmit}
      submitLabel="Save selector"
      busy={save.isPending}
      error={save.error}
      handledFields={['groups', 'tags', 'pathPrefixes', 'uniqueIds', 'repoUrl']}
      testId="dbt-selector-dialog"
    >
      <p className="muted">
        A node of the dbt project is one of this domain&apos;s artifacts when it matches any of these. Packages&apos;
        nodes count only when named by unique_id.
      </p>
      <Field label="dbt groups (comma-separated)" error={error?.fieldError('groups')}>
        {(control) => (
          <input
            {...control}
            value={groups}
            onChange={(e) => setGroups(e.target.value)}
            data-testid="dbt-selector-groups"
          />
        )}
      </Field>
      <Field label="Tags (comma-separated)" error={error?.fieldError('tags')}>
        {(control) => (
          <input {...control} value={tags} onChange={(e) => setTags(e.target.value)} data-testid="dbt-selector-tags" />
        )}
      </Field>
      <Field label="Folder prefixes (one a line)" error={error?.fieldError('pathPrefixes')}>
        {(control) => (
          <textarea
            {...control}
            rows={2}
            value={prefixes}
            onChange={(e) => setPrefixes(e.target.value)}
            data-testid="dbt-selector-prefixes"
          />
        )}
      </Field>
      <Field label="unique_ids (one a line)" error={error?.fieldError('uniqueIds')}>
        {(control) => (
          <textarea
            {...control}
            rows={2}
            value={uniqueIds}
            onChange={(e) => setUniqueIds(e.target.value)}
            data-testid="dbt-selector-ids"
          />
        )}
      </Field>
      <Field label="Repository URL of the files (for links back to the code)" error={error?.fieldError('repoUrl')}>
        {(control) => (
          <input
            {...control}
            value={repoUrl}
            placeholder="https://github.com/acme/analytics/blob/main/"
            onChange={(e) => setRepoUrl(e.target.value)}
            data-testid="dbt-selector-repo"
          />
        )}
      </Field>
    </Dialog>
  );
}
