export function AdminThresholdsPage() {
  return <h1>AdminThresholdsPage</h1>;
}
