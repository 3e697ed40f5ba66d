// The QA panel beside the review player: evaluations of the recording, and its annotations.
import type { RecordingEntry } from '../../api/activities';
import type { CurrentUser } from '../../contract/auth';
import type { ReviewPlayerControls } from '../../lib/player-controls';
import { AnnotationsSection } from './AnnotationsSection';
import { EvaluationsSection } from './EvaluationsSection';

export function QaPanel({
  recording,
  player,
  currentUser,
  autosaveDelayMs,
}: {
  recording: RecordingEntry;
  player: ReviewPlayerControls | null;
  currentUser: CurrentUser;
  autosaveDelayMs?: number;
}) {
  // QA is kept per recording activity; a source without activity ids has nothing to attach it to.
  if (!recording.id) return null;
  return (
    <>
      <section
        aria-labelledby="qa-evaluation-title"
        className="rounded-xl border border-slate-200 bg-white shadow-xs"
      >
        <h2
          id="qa-evaluation-title"
          className="border-b border-slate-100 px-5 py-3.5 text-sm font-semibold text-slate-900"
        >
          Evaluation
        </h2>
        <div className="px-5 py-4">
          <EvaluationsSection
            key={recording.id}
            activityId={recording.id}
            currentUser={currentUser}
            autosaveDelayMs={autosaveDelayMs}
          />
        </div>
      </section>
      <section
        aria-labelledby="qa-annotations-title"
        className="rounded-xl border border-slate-200 bg-white shadow-xs"
      >
        <h2
          id="qa-annotations-title"
          className="border-b border-slate-100 px-5 py-3.5 text-sm font-semibold text-slate-900"
        >
          Annotations
        </h2>
        <div className="px-5 py-4">
          <AnnotationsSection
            key={recording.id}
            activityId={recording.id}
            currentUser={currentUser}
            player={player}
          />
        </div>
      </section>
    </>
  );
}
