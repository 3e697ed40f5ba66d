// SQL for playlists: the playlists, their clips in order, assignments and progress.
import type { CurrentUser } from '../../../contract/auth';
import type { Queryable } from '../../db/database';
import { userRefSql } from '../../lib/user-ref';
import { visiblePlaylists } from '../access/visibility';

type Viewer = Pick<CurrentUser, 'id' | 'role'>;

export interface PlaylistRow {
  id: string;
  title: string;
  description: string;
  updated_at: Date;
  owner_id: string;
  owner_first_name: string;
  owner_last_name: string;
  item_count: number;
  total_seconds: number;
}

export interface PlaylistItemRow {
  id: string;
  activity_id: string | null;
  position: number;
  start_seconds: number;
  end_seconds: number;
  note: string;
  storage_key: string | null;
  container: string | null;
  recorded_at: Date | null;
  agent_id: string | null;
  agent_first_name: string | null;
  agent_last_name: string | null;
  /** The viewer's own progress. */
  played_ranges: [number, number][] | null;
}

export interface AssignmentRow {
  user_id: string;
  user_first_name: string;
  user_last_name: string;
  username: string;
  assigned_at: Date;
  due_at: Date | null;
  completed_at: Date | null;
  watched_item_ids: string[];
}

export interface TrainingRow {
  playlist_id: string;
  title: string;
  due_at: Date | null;
  completed_at: Date | null;
  watched_items: number;
  total_items: number;
}

export interface ClipContent {
  startSeconds: number;
  endSeconds: number;
  note: string;
}

const SUMMARY = `select p.id::text as id, p.title, p.description, p.updated_at, ${userRefSql('u', 'owner')},
       (select count(*)::int from playlist_items i where i.playlist_id = p.id) as item_count,
       (select coalesce(sum(i.end_seconds - i.start_seconds), 0)::float8 from playlist_items i
         where i.playlist_id = p.id and i.activity_id is not null) as total_seconds
  from playlists p join users u on u.id = p.owner_id`;

export function playlistsRepo(db: Queryable) {
  return {
    async list(viewer: Viewer) {
      const { rows } = await db.query<PlaylistRow>(
        `${SUMMARY} where ${visiblePlaylists(viewer, '$1')} order by p.updated_at desc, p.id desc`,
        [viewer.id],
      );
      return rows;
    },

    async find(id: string) {
      const { rows } = await db.query<PlaylistRow>(`${SUMMARY} where p.id = $1`, [id]);
      return rows[0] ?? null;
    },

    /** The clips in order, with what the player needs and `viewerId`'s progress. */
    async items(playlistId: string, viewerId: string) {
      const { rows } = await db.query<PlaylistItemRow>(
        `select i.id::text as id, i.activity_id::text as activity_id, i.position, i.start_seconds,
                i.end_seconds, i.note, r.storage_key, r.container, coalesce(r.started_at, a.created_time) as recorded_at,
                ${userRefSql('u', 'agent')}, pp.played_ranges
         from playlist_items i
         left join activities a on a.id = i.activity_id
         left join recordings r on r.id = a.recording_id
         left join users u on u.id = a.user_id
         left join playlist_progress pp on pp.item_id = i.id and pp.user_id = $2
         where i.playlist_id = $1
         order by i.position, i.id`,
        [playlistId, viewerId],
      );
      return rows;
    },

    async item(playlistId: string, itemId: string) {
      const { rows } = await db.query<{ id: string; activity_id: string | null } & ClipContent>(
        `select id::text as id, activity_id::text as activity_id, start_seconds as "startSeconds",
                end_seconds as "endSeconds", note
         from playlist_items where playlist_id = $1 and id = $2`,
        [playlistId, itemId],
      );
      return rows[0] ?? null;
    },

    async insert(ownerId: string, title: string, description: string) {
      const { rows } = await db.query<{ id: string }>(
        `insert into playlists (owner_id, title, description) values ($1, $2, $3) returning id::text as id`,
        [ownerId, title, description],
      );
      return rows[0]!.id;
    },

    async update(id: string, patch: { title?: string; description?: string }) {
      await db.query(
        `update playlists set title = coalesce($2, title), description = coalesce($3, description),
                updated_at = now() where id = $1`,
        [id, patch.title ?? null, patch.description ?? null],
      );
    },

    async touch(id: string) {
      await db.query('update playlists set updated_at = now() where id = $1', [id]);
    },

    async remove(id: string) {
      await db.query('delete from playlists where id = $1', [id]);
    },

    /** Locks the playlist's row: edits of its clips' order are serialised on it. */
    async lock(id: string) {
      await db.query('select id from playlists where id = $1 for update', [id]);
    },

    async insertItem(playlistId: string, activityId: string, clip: ClipContent) {
      const { rows } = await db.query<{ id: string }>(
        `insert into playlist_items (playlist_id, activity_id, position, start_seconds, end_seconds, note)
         values ($1, $2, (select coalesce(max(position), 0) + 1 from playlist_items where playlist_id = $1),
                 $3, $4, $5)
         returning id::text as id`,
        [playlistId, activityId, clip.startSeconds, clip.endSeconds, clip.note],
      );
      return rows[0]!.id;
    },

    async updateItem(itemId: string, clip: ClipContent) {
      await db.query(
        'update playlist_items set start_seconds = $2, end_seconds = $3, note = $4 where id = $1',
        [itemId, clip.startSeconds, clip.endSeconds, clip.note],
      );
    },

    async removeItem(itemId: string) {
      await db.query('delete from playlist_items where id = $1', [itemId]);
    },

    async itemIds(playlistId: string) {
      const { rows } = await db.query<{ id: string }>(
        'select id::text as id from playlist_items where playlist_id = $1 order by position, id',
        [playlistId],
      );
      return rows.map((row) => row.id);
    },

    async setOrder(playlistId: string, itemIds: readonly string[]) {
      await db.query(
        `update playlist_items i set position = o.ord::int
         from unnest($2::bigint[]) with ordinality as o(id, ord)
         where i.id = o.id and i.playlist_id = $1`,
        [playlistId, itemIds],
      );
    },

    /** Active users among `usernames`, by username. */
    async usersByName(usernames: readonly string[]) {
      const { rows } = await db.query<{ id: string; username: string }>(
        `select id::text as id, username from users where username = any($1::text[])`,
        [usernames],
      );
      return rows;
    },

    /** The agents of the teams `teamIds`; and which of the teams exist. */
    async teamAgents(teamIds: readonly string[]) {
      const teams = await db.query<{ id: string }>(
        'select id::text as id from teams where id = any($1::bigint[])',
        [teamIds],
      );
      const agents = await db.query<{ id: string }>(
        `select distinct u.id::text as id from team_members m join users u on u.id = m.user_id
         where m.team_id = any($1::bigint[]) and u.role = 'agent'`,
        [teamIds],
      );
      return { teams: teams.rows.map((row) => row.id), agents: agents.rows.map((row) => row.id) };
    },

    /** Assigns, or changes the due date of an existing assignment. */
    async assign(playlistId: string, userIds: readonly string[], dueAt: string | null, byId: string) {
      await db.query(
        `insert into playlist_assignments (playlist_id, user_id, assigned_by, due_at)
         select $1, u, $3, $4 from unnest($2::bigint[]) as u
         on conflict (playlist_id, user_id) do update set due_at = excluded.due_at`,
        [playlistId, userIds, byId, dueAt],
      );
    },

    async assignments(playlistId: string) {
      const { rows } = await db.query<AssignmentRow>(
        `select ${userRefSql('u', 'user')}, u.username, pa.assigned_at, pa.due_at, pa.completed_at,
                coalesce((select array_agg(pp.item_id::text order by i.position)
                          from playlist_progress pp join playlist_items i on i.id = pp.item_id
                          where i.playlist_id = pa.playlist_id and pp.user_id = pa.user_id
                            and pp.watched_at is not null), '{}') as watched_item_ids
         from playlist_assignments pa join users u on u.id = pa.user_id
         where pa.playlist_id = $1
         order by u.last_name, u.first_name, u.id`,
        [playlistId],
      );
      return rows;
    },

    /** Serialises one assignee's progress reports on a playlist (two devices at once). */
    async lockAssignment(playlistId: string, userId: string) {
      await db.query(
        'select 1 from playlist_assignments where playlist_id = $1 and user_id = $2 for update',
        [playlistId, userId],
      );
    },

    async progress(itemId: string, userId: string) {
      const { rows } = await db.query<{ played_ranges: [number, number][]; watched_at: Date | null }>(
        `select played_ranges, watched_at from playlist_progress where item_id = $1 and user_id = $2`,
        [itemId, userId],
      );
      return rows[0] ?? null;
    },

    async saveProgress(itemId: string, userId: string, ranges: [number, number][], watched: boolean) {
      await db.query(
        `insert into playlist_progress (item_id, user_id, played_ranges, watched_at)
         values ($1, $2, $3, case when $4 then now() end)
         on conflict (item_id, user_id) do update set played_ranges = excluded.played_ranges,
           watched_at = coalesce(playlist_progress.watched_at, excluded.watched_at), updated_at = now()`,
        [itemId, userId, JSON.stringify(ranges), watched],
      );
    },

    /** Marks the assignment finished once every available clip is watched (the first time only). */
    async completeIfDone(playlistId: string, userId: string) {
      await db.query(
        `update playlist_assignments pa set completed_at = now()
         where pa.playlist_id = $1 and pa.user_id = $2 and pa.completed_at is null
           and exists (select 1 from playlist_items i where i.playlist_id = $1 and i.activity_id is not null)
           and not exists (
             select 1 from playlist_items i
             left join playlist_progress pp on pp.item_id = i.id and pp.user_id = $2
             where i.playlist_id = $1 and i.activity_id is not null and pp.watched_at is null)`,
        [playlistId, userId],
      );
    },

    async training(userId: string) {
      const { rows } = await db.query<TrainingRow>(
        `select p.id::text as playlist_id, p.title, pa.due_at, pa.completed_at,
                (select count(*)::int from playlist_items i join playlist_progress pp on pp.item_id = i.id
                  where i.playlist_id = p.id and pp.user_id = $1 and pp.watched_at is not null
                    and i.activity_id is not null) as watched_items,
                (select count(*)::int from playlist_items i where i.playlist_id = p.id and i.activity_id is not null)
                  as total_items
         from playlist_assignments pa join playlists p on p.id = pa.playlist_id
         where pa.user_id = $1
         order by pa.completed_at is not null, pa.due_at asc nulls last, pa.assigned_at desc`,
        [userId],
      );
      return rows;
    },
  };
}
export type PlaylistsRepo = ReturnType<typeof playlistsRepo>;
