// The review page with the QA panel beside the player: the app composes the features — for those who
// build playlists the clip panel (I/O marks, "Add to playlist") and an "Add to playlist" on annotations,
// and for admins the recording's legal holds and deletion.
import { mayAnnotate, mayManageHolds, mayManagePlaylists } from '../../../contract/permissions';
import { RecordingCompliance } from '../../features/compliance/RecordingCompliance';
import { useSession } from '../../features/auth/session';
import { AnnotationClipButton } from '../../features/playlists/AnnotationClipButton';
import { CLIP_PANEL_SHORTCUTS, ClipPanel } from '../../features/playlists/ClipPanel';
import { QaPanel } from '../../features/qa/QaPanel';
import { ReviewPage } from '../../features/review/ReviewPage';

// Agents read annotations but do not write them, so only reviewers are told about N.
const QA_PANEL_SHORTCUTS = [{ keys: ['N'], description: 'Add a note at the current time' }];

export function ReviewRoute() {
  const { user } = useSession();
  const buildsPlaylists = mayManagePlaylists(user);
  return (
    <ReviewPage
      sidePanel={(context) => (
        <>
          {buildsPlaylists && context.recording.id && (
            <ClipPanel
              key={context.recording.id}
              activityId={context.recording.id}
              duration={context.recording.duration}
              player={context.player}
            />
          )}
          <QaPanel
            {...context}
            currentUser={user}
            annotationActions={
              buildsPlaylists && context.recording.id
                ? (annotation) => (
                    <AnnotationClipButton
                      activityId={context.recording.id!}
                      duration={context.recording.duration}
                      annotation={annotation}
                    />
                  )
                : undefined
            }
          />
          {mayManageHolds(user) && context.recording.id && (
            <RecordingCompliance objectId={context.recording.objectId} activityId={context.recording.id} />
          )}
        </>
      )}
      sidePanelShortcuts={[
        ...(mayAnnotate(user) ? QA_PANEL_SHORTCUTS : []),
        ...(buildsPlaylists ? CLIP_PANEL_SHORTCUTS : []),
      ]}
    />
  );
}
