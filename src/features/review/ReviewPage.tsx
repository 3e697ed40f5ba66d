export function ReviewPage() {
  return <h1 className="text-2xl font-semibold">Review</h1>;
}
