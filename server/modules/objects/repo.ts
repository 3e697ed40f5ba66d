// SQL for creating and editing conversations (objects); reading them is the activities module's.
import type { Queryable } from '../../db/database';

export interface ObjectRow {
  object_id: string;
  external_id: string | null;
  title: string;
  team_id: string;
  team_name: string;
  agent_id: string;
  agent_username: string;
  agent_first_name: string;
  agent_last_name: string;
  created_at: Date;
}

const OBJECT_COLUMNS = `o.id::text as object_id, o.external_id, o.title, t.id::text as team_id, t.name as team_name,
  u.id::text as agent_id, u.username as agent_username, u.first_name as agent_first_name,
  u.last_name as agent_last_name, o.created_at`;
const OBJECT_FROM = 'objects o join teams t on t.id = o.team_id join users u on u.id = o.agent_id';

export function objectsRepo(db: Queryable) {
  return {
    async find(objectId: string) {
      const { rows } = await db.query<ObjectRow>(
        `select ${OBJECT_COLUMNS} from ${OBJECT_FROM} where o.id = $1`,
        [objectId],
      );
      return rows[0] ?? null;
    },

    async findByExternalId(externalId: string) {
      const { rows } = await db.query<ObjectRow>(
        `select ${OBJECT_COLUMNS} from ${OBJECT_FROM} where o.external_id = $1`,
        [externalId],
      );
      return rows[0] ?? null;
    },

    /** Inserts a conversation; null when its externalId is already taken (concurrent creates: one wins). */
    async insert(object: { externalId: string | null; title: string; teamId: string; agentId: string }) {
      const { rows } = await db.query<{ id: string }>(
        `insert into objects (external_id, title, team_id, agent_id) values ($1, $2, $3, $4)
         on conflict (external_id) do nothing returning id::text as id`,
        [object.externalId, object.title, object.teamId, object.agentId],
      );
      return rows[0]?.id ?? null;
    },

    /** Changes the given fields; false when the new externalId belongs to another conversation. */
    async update(
      objectId: string,
      changes: { title?: string; teamId?: string; agentId?: string; externalId?: string | null },
    ) {
      try {
        await db.query(
          `update objects set title = coalesce($2, title), team_id = coalesce($3, team_id),
           agent_id = coalesce($4, agent_id),
           external_id = case when $5::boolean then $6 else external_id end
         where id = $1`,
          [
            objectId,
            changes.title ?? null,
            changes.teamId ?? null,
            changes.agentId ?? null,
            changes.externalId !== undefined,
            changes.externalId ?? null,
          ],
        );
      } catch (error) {
        if ((error as { code?: string }).code === '23505') return false; // unique_violation
        throw error;
      }
      return true;
    },

    async teamExists(teamId: string) {
      const { rows } = await db.query('select 1 from teams where id = $1', [teamId]);
      return rows.length > 0;
    },
  };
}
