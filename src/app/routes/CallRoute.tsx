// `/objects/:objectId/call`: the host's side of a call, for those who may start calls.
import { useParams } from 'react-router';
import { mayCall } from '../../../contract/permissions';
import { useSession } from '../../features/auth/session';
import { HostCallPage } from '../../features/calls/HostCallPage';
import { Permitted } from './Permitted';

export function CallRoute() {
  const { objectId = '' } = useParams();
  const { user } = useSession();
  return (
    <Permitted allowed={mayCall} who="Agents start calls on their own conversations; admins on any.">
      <HostCallPage objectId={objectId} user={user} />
    </Permitted>
  );
}
