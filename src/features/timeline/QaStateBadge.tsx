// A recording's QA state on the timeline: not evaluated, the caller's draft, or the latest score (and an open dispute).
import type { RecordingQaSummary } from '../../../contract/evaluations';
import { ScoreBadge } from '../../components/ScoreBadge';

const pill =
  'inline-flex items-center rounded-md px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset';

export function QaStateBadge({ summary }: { summary: RecordingQaSummary | undefined }) {
  // Still loading, or the summary failed: the row shows its other facts and no QA claim.
  if (!summary) return null;
  return (
    <span className="flex items-center gap-1.5">
      <span className="sr-only">QA: </span>
      {summary.state === 'submitted' && summary.latestScore !== null ? (
        <ScoreBadge score={summary.latestScore} />
      ) : summary.state === 'draft' ? (
        <span className={`${pill} bg-sky-50 text-sky-800 ring-sky-200`}>Draft (yours)</span>
      ) : summary.state === 'submitted' ? (
        <span className={`${pill} bg-slate-100 text-slate-700 ring-slate-200`}>Evaluated</span>
      ) : (
        <span className={`${pill} bg-white text-slate-600 ring-slate-300 ring-dashed`}>Not evaluated</span>
      )}
      {summary.openDisputes > 0 && (
        <span className={`${pill} bg-orange-50 text-orange-800 ring-orange-300`}>Disputed</span>
      )}
    </span>
  );
}
