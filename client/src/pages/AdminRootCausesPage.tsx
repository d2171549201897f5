export function AdminRootCausesPage() {
  return <h1>AdminRootCausesPage</h1>;
}
