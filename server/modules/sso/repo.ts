// SQL for single sign-on: people known by their provider's subject, and teams found or made by name.
import type { Role } from '../../../contract/auth';
import type { Queryable } from '../../db/database';
import { USER_COLUMNS, type TeamRef, type UserRow } from '../users/repo';

export function ssoRepo(db: Queryable) {
  return {
    async findBySubject(subject: string) {
      const { rows } = await db.query<UserRow>(
        `select ${USER_COLUMNS} from users u where u.oidc_subject = $1`,
        [subject],
      );
      return rows[0] ?? null;
    },

    async usernameTaken(username: string) {
      const { rows } = await db.query('select 1 from users where username = $1', [username]);
      return rows.length > 0;
    },

    /** A person's first sign-in; null when someone else took the username (or the subject) meanwhile. */
    async insert(user: {
      subject: string;
      username: string;
      firstName: string;
      lastName: string;
      role: Role;
    }) {
      const { rows } = await db.query<{ id: string }>(
        `insert into users (username, first_name, last_name, role, oidc_subject) values ($1, $2, $3, $4, $5)
         on conflict do nothing returning id::text as id`,
        [user.username, user.firstName, user.lastName, user.role, user.subject],
      );
      return rows[0]?.id ?? null;
    },

    /** The provider is the source of truth for people it signs in: names and role follow it. */
    async update(id: string, user: { firstName: string; lastName: string; role: Role }) {
      await db.query('update users set first_name = $2, last_name = $3, role = $4 where id = $1', [
        id,
        user.firstName,
        user.lastName,
        user.role,
      ]);
    },

    /**
     * Makes the user a member of exactly these teams (by name), creating the teams that do not exist;
     * answers the teams it created.
     */
    async setTeamsByName(userId: string, names: readonly string[]) {
      let created: TeamRef[] = [];
      if (names.length > 0) {
        ({ rows: created } = await db.query<TeamRef>(
          `insert into teams (name) select unnest($1::text[]) on conflict (name) do nothing
           returning id::text as id, name`,
          [names],
        ));
      }
      await db.query(
        `delete from team_members m using teams t
         where m.user_id = $1 and t.id = m.team_id and not (t.name = any($2::text[]))`,
        [userId, names],
      );
      await db.query(
        `insert into team_members (team_id, user_id) select t.id, $1 from teams t where t.name = any($2::text[])
         on conflict do nothing`,
        [userId, names],
      );
      return created;
    },
  };
}
