// SQL for users and teams: the one place a user is looked up by username.
import type { Role } from '../../../contract/auth';
import type { Queryable } from '../../db/database';

export interface UserRow {
  id: string;
  username: string;
  first_name: string;
  last_name: string;
  role: Role;
  password_hash: string | null;
  active: boolean;
}

export interface UserListRow extends UserRow {
  created_at: Date;
  teams: TeamRef[];
}

export interface TeamRef {
  id: string;
  name: string;
}

/** Selects a `UserRow` from the users alias `u`. */
export const USER_COLUMNS =
  'u.id::text as id, u.username, u.first_name, u.last_name, u.role, u.password_hash, u.active';

const TEAMS_OF_USER = `coalesce((select json_agg(json_build_object('id', t.id::text, 'name', t.name) order by t.name)
  from teams t join team_members m on m.team_id = t.id where m.user_id = u.id), '[]'::json) as teams`;

export function usersRepo(db: Queryable) {
  return {
    async findByUsername(username: string) {
      const { rows } = await db.query<UserRow>(`select ${USER_COLUMNS} from users u where u.username = $1`, [
        username,
      ]);
      return rows[0] ?? null;
    },

    async findById(id: string) {
      const { rows } = await db.query<UserListRow>(
        `select ${USER_COLUMNS}, u.created_at, ${TEAMS_OF_USER} from users u where u.id = $1`,
        [id],
      );
      return rows[0] ?? null;
    },

    async list() {
      const { rows } = await db.query<UserListRow>(
        `select ${USER_COLUMNS}, u.created_at, ${TEAMS_OF_USER} from users u order by u.username`,
      );
      return rows;
    },

    /** Inserts a user without a password; null when the username is taken. */
    async insert(user: { username: string; firstName: string; lastName: string; role: Role }) {
      const { rows } = await db.query<{ id: string }>(
        `insert into users (username, first_name, last_name, role) values ($1, $2, $3, $4)
         on conflict (username) do nothing returning id::text as id`,
        [user.username, user.firstName, user.lastName, user.role],
      );
      return rows[0]?.id ?? null;
    },

    async update(
      id: string,
      changes: { firstName?: string; lastName?: string; role?: Role; active?: boolean },
    ) {
      await db.query(
        `update users set first_name = coalesce($2, first_name), last_name = coalesce($3, last_name),
           role = coalesce($4, role), active = coalesce($5, active)
         where id = $1`,
        [
          id,
          changes.firstName ?? null,
          changes.lastName ?? null,
          changes.role ?? null,
          changes.active ?? null,
        ],
      );
    },

    async setPassword(id: string, passwordHash: string) {
      await db.query('update users set password_hash = $2 where id = $1', [id, passwordHash]);
    },

    async setTeams(userId: string, teamIds: readonly string[]) {
      await db.query('delete from team_members where user_id = $1', [userId]);
      if (teamIds.length === 0) return;
      await db.query(
        `insert into team_members (team_id, user_id) select unnest($2::bigint[]), $1 on conflict do nothing`,
        [userId, teamIds],
      );
    },

    /** Active administrators other than `exceptUserId`, locked until the transaction ends. */
    async countActiveAdmins(exceptUserId = '0') {
      const { rows } = await db.query<{ id: string }>(
        `select id::text as id from users where role = 'admin' and active and id <> $1 for update`,
        [exceptUserId],
      );
      return rows.length;
    },

    async teamsOf(userId: string) {
      const { rows } = await db.query<TeamRef>(
        `select t.id::text as id, t.name from teams t join team_members m on m.team_id = t.id
         where m.user_id = $1 order by t.name`,
        [userId],
      );
      return rows;
    },

    async listTeams() {
      const { rows } = await db.query<TeamRef>('select id::text as id, name from teams order by name');
      return rows;
    },

    /** The ids among `ids` that are no team. */
    async missingTeams(ids: readonly string[]) {
      if (ids.length === 0) return [];
      const { rows } = await db.query<{ id: string }>(
        `select id::text as id from unnest($1::bigint[]) as given(id)
         where not exists (select 1 from teams t where t.id = given.id)`,
        [ids],
      );
      return rows.map((row) => row.id);
    },

    /** Inserts a team; null when the name is taken. */
    async insertTeam(name: string) {
      const { rows } = await db.query<TeamRef>(
        `insert into teams (name) values ($1) on conflict (name) do nothing returning id::text as id, name`,
        [name],
      );
      return rows[0] ?? null;
    },
  };
}
export type UsersRepo = ReturnType<typeof usersRepo>;
