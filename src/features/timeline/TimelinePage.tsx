export function TimelinePage() {
  return <h1 className="text-2xl font-semibold">Timeline</h1>;
}
