export function ScorecardsPage() {
  return <h1 className="text-2xl font-semibold">Scorecards</h1>;
}
