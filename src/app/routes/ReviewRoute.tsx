// The review page with the QA panel beside the player: the app composes the two features.
import { mayAnnotate, mayManageHolds } from '../../../contract/permissions';
import { RecordingCompliance } from '../../features/compliance/RecordingCompliance';
import { useSession } from '../../features/auth/session';
import { QaPanel } from '../../features/qa/QaPanel';
import { ReviewPage } from '../../features/review/ReviewPage';

// Agents read annotations but do not write them, so only reviewers are told about N.
const QA_PANEL_SHORTCUTS = [{ keys: ['N'], description: 'Add a note at the current time' }];

export function ReviewRoute() {
  const { user } = useSession();
  return (
    <ReviewPage
      sidePanel={(context) => (
        <>
          <QaPanel {...context} currentUser={user} />
          {mayManageHolds(user) && context.recording.id && (
            <RecordingCompliance objectId={context.recording.objectId} activityId={context.recording.id} />
          )}
        </>
      )}
      sidePanelShortcuts={mayAnnotate(user) ? QA_PANEL_SHORTCUTS : []}
    />
  );
}
