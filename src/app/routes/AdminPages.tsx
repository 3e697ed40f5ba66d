// The administrators' pages, loaded as one chunk only by those who open them.
import { mayManageUsers } from '../../../contract/permissions';
import { TeamsPage } from '../../features/admin-users/TeamsPage';
import { UsersPage } from '../../features/admin-users/UsersPage';
import { Permitted } from './Permitted';

export function UsersRoute() {
  return (
    <Permitted allowed={mayManageUsers} who="Only administrators manage users.">
      <UsersPage />
    </Permitted>
  );
}

export function TeamsRoute() {
  return (
    <Permitted allowed={mayManageUsers} who="Only administrators manage teams.">
      <TeamsPage />
    </Permitted>
  );
}
