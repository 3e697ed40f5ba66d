// SQL for timestamped notes on recordings.
import type { Queryable } from '../../../db/database';
import { userRefSql } from '../../../lib/user-ref';

export interface AnnotationRow {
  id: string;
  activity_id: string;
  start_seconds: number;
  end_seconds: number | null;
  body: string;
  tags: string[];
  created_at: Date;
  updated_at: Date;
  author_id: string;
  author_first_name: string;
  author_last_name: string;
}

export interface AnnotationContent {
  startSeconds: number;
  endSeconds: number | null;
  text: string;
  tags: string[];
}

const SELECT = `select n.id::text as id, n.activity_id::text as activity_id, n.start_seconds, n.end_seconds,
       n.body, n.tags, n.created_at, n.updated_at, ${userRefSql('u', 'author')}
  from annotations n join users u on u.id = n.author_id`;

export function annotationsRepo(db: Queryable) {
  return {
    async list(activityId: string) {
      const { rows } = await db.query<AnnotationRow>(
        `${SELECT} where n.activity_id = $1 order by n.start_seconds, n.id`,
        [activityId],
      );
      return rows;
    },

    async find(id: string) {
      const { rows } = await db.query<AnnotationRow>(`${SELECT} where n.id = $1`, [id]);
      return rows[0] ?? null;
    },

    async insert(activityId: string, authorId: string, content: AnnotationContent) {
      const { rows } = await db.query<{ id: string }>(
        `insert into annotations (activity_id, author_id, start_seconds, end_seconds, body, tags)
         values ($1, $2, $3, $4, $5, $6) returning id::text as id`,
        [
          activityId,
          authorId,
          content.startSeconds,
          content.endSeconds,
          content.text,
          JSON.stringify(content.tags),
        ],
      );
      return rows[0]!.id;
    },

    async update(id: string, content: AnnotationContent) {
      await db.query(
        `update annotations set start_seconds = $2, end_seconds = $3, body = $4, tags = $5, updated_at = now()
         where id = $1`,
        [id, content.startSeconds, content.endSeconds, content.text, JSON.stringify(content.tags)],
      );
    },

    async remove(id: string) {
      await db.query('delete from annotations where id = $1', [id]);
    },
  };
}
