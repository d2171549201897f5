import type { DbtSource as DbtSourceView } from '@shared/api/dbt';

/** Where a dbt-synced artifact comes from: its node and a link to the code. */
export function DbtSource({ source }: { source: DbtSourceView }) {
  return (
    <p className="muted small" data-testid="artifact-dbt-source">
      From dbt: {source.resourceType}
      {source.kind ? ` (${source.kind})` : ''}{' '}
      {source.codeUrl ? (
        <a href={source.codeUrl} target="_blank" rel="noreferrer">
          <code>{source.uniqueId}</code>
        </a>
      ) : (
        <code title={source.path}>{source.uniqueId}</code>
      )}
      {source.ownerText ? ` · owner in dbt: ${source.ownerText}` : ''}
      {source.columns.length ? ` · ${source.columns.length} columns` : ''}
    </p>
  );
}
