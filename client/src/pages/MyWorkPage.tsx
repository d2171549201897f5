export function MyWorkPage() {
  return <h1>MyWorkPage</h1>;
}
