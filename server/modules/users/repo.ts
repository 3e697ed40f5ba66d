// SQL for users and their teams: the one place a user is looked up by username.
import type { Role } from '../../../contract/auth';
import type { Queryable } from '../../db/database';

export interface UserRow {
  id: string;
  username: string;
  first_name: string;
  last_name: string;
  role: Role;
  password_hash: string | null;
}

export interface TeamRef {
  id: string;
  name: string;
}

/** Selects a `UserRow` from the users alias `u`. */
export const USER_COLUMNS =
  'u.id::text as id, u.username, u.first_name, u.last_name, u.role, u.password_hash';

export function usersRepo(db: Queryable) {
  return {
    async findByUsername(username: string) {
      const { rows } = await db.query<UserRow>(`select ${USER_COLUMNS} from users u where u.username = $1`, [
        username,
      ]);
      return rows[0] ?? null;
    },

    async teamsOf(userId: string) {
      const { rows } = await db.query<TeamRef>(
        `select t.id::text as id, t.name from teams t join team_members m on m.team_id = t.id
         where m.user_id = $1 order by t.name`,
        [userId],
      );
      return rows;
    },
  };
}
export type UsersRepo = ReturnType<typeof usersRepo>;
