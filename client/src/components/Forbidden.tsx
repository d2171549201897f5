import { EmptyState } from './States';

export function Forbidden({ what }: { what: string }) {
  return (
    <EmptyState title="You do not have access to this page.">
      <p>Only an admin can {what}.</p>
    </EmptyState>
  );
}
