import { useParams } from 'react-router';
import { QueryStates } from '../../components/States';
import { useDocumentTitle } from '../../lib/use-document-title';
import { MonitorPanel } from '../monitors/MonitorPanel';
import { CatalogEntry } from './CatalogEntry';
import { useCatalogEntry } from './hooks';

/** One artifact at an address people paste into a chat: everything the catalog knows about it. */
export function ArtifactPage() {
  const { id = '' } = useParams();
  const entry = useCatalogEntry(id);
  useDocumentTitle(entry.data?.name ?? 'Artifact');
  return (
    <QueryStates query={entry} loadingLabel="Loading the artifact…" empty={!entry.data} emptyTitle="No such artifact.">
      {entry.data ? <CatalogEntry entry={entry.data} full /> : null}
      {entry.data?.type === 'metric' ? <MonitorPanel artifactId={entry.data.id} /> : null}
    </QueryStates>
  );
}
