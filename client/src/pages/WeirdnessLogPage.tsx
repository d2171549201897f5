export function WeirdnessLogPage() {
  return <h1>WeirdnessLogPage</h1>;
}
