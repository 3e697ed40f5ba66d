// The QA panel beside the review player: evaluations of the recording, and its annotations.
import type { ReactNode } from 'react';
import type { RecordingEntry } from '../../api/activities';
import type { Annotation } from '../../../contract/annotations';
import { PanelCard } from '../../components/PanelCard';
import type { CurrentUser } from '../../../contract/auth';
import type { ReviewPlayerControls } from '../../lib/player-controls';
import { AnnotationsSection } from './AnnotationsSection';
import { EvaluationsSection } from './EvaluationsSection';

export function QaPanel({
  recording,
  player,
  currentUser,
  autosaveDelayMs,
  annotationActions,
}: {
  recording: RecordingEntry;
  player: ReviewPlayerControls | null;
  currentUser: CurrentUser;
  autosaveDelayMs?: number;
  /** More actions on each annotation, from other features (the app adds "Add to playlist"). */
  annotationActions?: (annotation: Annotation) => ReactNode;
}) {
  // QA is kept per recording activity; a source without activity ids has nothing to attach it to.
  if (!recording.id) return null;
  return (
    <>
      <PanelCard id="qa-evaluation" title="Evaluation">
        <div className="px-5 py-4">
          <EvaluationsSection
            key={recording.id}
            activityId={recording.id}
            currentUser={currentUser}
            autosaveDelayMs={autosaveDelayMs}
          />
        </div>
      </PanelCard>
      <PanelCard id="qa-annotations" title="Annotations">
        <div className="px-5 py-4">
          <AnnotationsSection
            key={recording.id}
            activityId={recording.id}
            currentUser={currentUser}
            player={player}
            annotationActions={annotationActions}
          />
        </div>
      </PanelCard>
    </>
  );
}
