// An evaluation score as a pill whose colour says how it went: green from 85 %, amber from 70 %, red below.
const GOOD_FROM = 85;
const FAIR_FROM = 70;

export function scoreTone(score: number): 'good' | 'fair' | 'poor' {
  return score >= GOOD_FROM ? 'good' : score >= FAIR_FROM ? 'fair' : 'poor';
}

const tones = {
  good: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  fair: 'bg-amber-50 text-amber-900 ring-amber-200',
  poor: 'bg-red-50 text-red-800 ring-red-200',
} as const;

export function formatScore(score: number): string {
  return `${Math.round(score)} %`;
}

export function ScoreBadge({ score }: { score: number }) {
  return (
    <span
      className={`inline-flex items-center rounded-md px-2 py-0.5 text-xs font-medium whitespace-nowrap tabular-nums ring-1 ring-inset ${tones[scoreTone(score)]}`}
    >
      Score {formatScore(score)}
    </span>
  );
}
