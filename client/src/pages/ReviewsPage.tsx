export function ReviewsPage() {
  return <h1>ReviewsPage</h1>;
}
