// `/objects/:objectId`: the timeline, with the QA filter for those who evaluate recordings.
import { mayCall, mayEvaluate } from '../../../contract/permissions';
import { useSession } from '../../features/auth/session';
import { TimelinePage } from '../../features/timeline/TimelinePage';

export function TimelineRoute() {
  const { user } = useSession();
  return <TimelinePage canFilterByQa={mayEvaluate(user)} canCall={mayCall(user)} />;
}
