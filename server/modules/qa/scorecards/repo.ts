// SQL for scorecards and their immutable versions.
import type { Queryable } from '../../../db/database';
import type { ScorecardDefinition } from '../../../../contract/scorecards';
import { userRefSql } from '../../../lib/user-ref';

export interface ScorecardRow {
  id: string;
  current_version: number;
  archived_at: Date | null;
  version: number;
  definition: ScorecardDefinition;
  version_created_at: Date;
  creator_id: string | null;
  creator_first_name: string | null;
  creator_last_name: string | null;
}

const SELECT = `select s.id::text as id, s.current_version, s.archived_at, v.version, v.definition,
       v.created_at as version_created_at, ${userRefSql('u', 'creator')}
  from scorecards s
  join scorecard_versions v on v.scorecard_id = s.id
  left join users u on u.id = v.created_by`;

export function scorecardsRepo(db: Queryable) {
  return {
    async list(includeArchived: boolean) {
      const { rows } = await db.query<ScorecardRow>(
        `${SELECT} where v.version = s.current_version and ($1 or s.archived_at is null)
         order by s.archived_at nulls first, lower(s.name), s.id`,
        [includeArchived],
      );
      return rows;
    },

    /** The given version, or the current one when `version` is omitted. */
    async find(id: string, version?: number) {
      const { rows } = await db.query<ScorecardRow>(
        `${SELECT} where s.id = $1 and v.version = coalesce($2::int, s.current_version)`,
        [id, version ?? null],
      );
      return rows[0] ?? null;
    },

    async insert(definition: ScorecardDefinition, userId: string) {
      const { rows } = await db.query<{ id: string }>(
        `insert into scorecards (name, current_version) values ($1, 1) returning id::text as id`,
        [definition.name],
      );
      const id = rows[0]!.id;
      await this.insertVersion(id, 1, definition, userId);
      return id;
    },

    async insertVersion(id: string, version: number, definition: ScorecardDefinition, userId: string) {
      await db.query(
        `insert into scorecard_versions (scorecard_id, version, definition, created_by) values ($1, $2, $3, $4)`,
        [id, version, JSON.stringify(definition), userId],
      );
    },

    /** Moves the scorecard to the next version if it is still at `fromVersion`; null when stale or archived. */
    async bumpVersion(id: string, fromVersion: number, name: string) {
      const { rows } = await db.query<{ current_version: number }>(
        `update scorecards set current_version = current_version + 1, name = $3
         where id = $1 and current_version = $2 and archived_at is null
         returning current_version`,
        [id, fromVersion, name],
      );
      return rows[0]?.current_version ?? null;
    },

    async archive(id: string) {
      await db.query(`update scorecards set archived_at = coalesce(archived_at, now()) where id = $1`, [id]);
    },
  };
}
export type ScorecardsRepo = ReturnType<typeof scorecardsRepo>;
