export function DisputesPage() {
  return <h1 className="text-2xl font-semibold">Disputes</h1>;
}
