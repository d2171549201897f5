import { Link } from 'react-router';
import { EmptyState } from '../components/States';
import { useDocumentTitle } from '../lib/use-document-title';
import { paths } from '../paths';

export function NotFoundPage() {
  useDocumentTitle('Not found');
  return (
    <EmptyState title="This page does not exist.">
      <Link to={paths.portfolio()}>Back to the portfolio</Link>
    </EmptyState>
  );
}
