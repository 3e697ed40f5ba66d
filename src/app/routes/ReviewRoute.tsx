// The review page with the QA panel beside the player: the app composes the two features.
import { useSession } from '../../features/auth/session';
import { QaPanel } from '../../features/qa/QaPanel';
import { ReviewPage } from '../../features/review/ReviewPage';

export function ReviewRoute() {
  const { user } = useSession();
  return <ReviewPage sidePanel={(context) => <QaPanel {...context} currentUser={user} />} />;
}
