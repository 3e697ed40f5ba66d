// The read side of the access model: what a user may see, as SQL conditions every list, lookup and
// search applies. One rule, from the role's visibility scope (contract/permissions.ts).
import type { CurrentUser } from '../../../contract/auth';
import { RECORDING_ACTIVITY_TYPE } from '../../../contract/activities';
import { can, visibilityScope } from '../../../contract/permissions';

type Viewer = Pick<CurrentUser, 'role'>;

/** The columns the rule reads: a conversation's team and agent, an activity's type and user. */
export interface VisibilityColumns {
  objectTeam: string;
  objectAgent: string;
  activityType: string;
  activityUser: string;
}

const OBJECTS_AND_ACTIVITIES: VisibilityColumns = {
  objectTeam: 'o.team_id',
  objectAgent: 'o.agent_id',
  activityType: 'a.activity_type',
  activityUser: 'a.user_id',
};

/**
 * Conditions on `o` (objects) and `a` (activities) for what `user` may see. `param` holds the user's
 * id; every condition mentions it so the statement's parameters are the same for every role. `columns`
 * names where a denormalised table (the search index) keeps the same facts.
 */
export function visibility(user: Viewer, param: string, columns: VisibilityColumns = OBJECTS_AND_ACTIVITIES) {
  const everything = `${param}::bigint is not null`;
  switch (visibilityScope(user.role)) {
    case 'everything':
      return { objects: everything, activities: everything };
    case 'own':
      // Their own conversations and, in them, only the recordings where they are the agent.
      return {
        objects: `${columns.objectAgent} = ${param}`,
        activities: `(${columns.activityType} <> ${RECORDING_ACTIVITY_TYPE} or ${columns.activityUser} = ${param})`,
      };
    case 'teams':
      // `= any(array(…))`, not `in (select …)`: the teams are read once, before the scan, so an index
      // (the search table's GIN) is scanned once for all of them rather than once per team.
      return {
        objects: `${columns.objectTeam} = any(array(select team_id from team_members where user_id = ${param}))`,
        activities: everything,
      };
  }
}

/** Conversations (`o`) `user` may see. */
export function visibleObjects(user: Viewer, param: string): string {
  return visibility(user, param).objects;
}

/** Activities `a` of conversations `o` that `user` may see. */
export function visibleActivities(
  user: Viewer,
  param: string,
  columns: VisibilityColumns = OBJECTS_AND_ACTIVITIES,
): string {
  const rule = visibility(user, param, columns);
  return `(${rule.objects} and ${rule.activities})`;
}

/**
 * Evaluations `e` of visible recordings (`a`, `o`): submitted ones, and drafts only to their author.
 * `param` holds the user's id.
 */
export function visibleEvaluations(user: Viewer, param: string): string {
  return `${visibleActivities(user, param)} and (e.status <> 'draft' or e.evaluator_id = ${param})`;
}

/**
 * Recordings being uploaded (`r`, with their object `o`): agents their own, everyone else what the
 * conversation's visibility allows.
 */
export function visibleUploads(user: Viewer, param: string): string {
  return visibilityScope(user.role) === 'own' ? `r.agent_id = ${param}` : visibleObjects(user, param);
}

/**
 * Playlists `p` `user` may see: admins all; their owner; the managers who share a team with the owner;
 * and their assignees (who see exactly its clips, nothing else of those recordings). `param` holds the
 * user's id.
 */
export function visiblePlaylists(user: Viewer, param: string): string {
  if (visibilityScope(user.role) === 'everything') return `${param}::bigint is not null`;
  const assigned = `exists (select 1 from playlist_assignments pa where pa.playlist_id = p.id and pa.user_id = ${param})`;
  if (!can(user.role, 'playlists.manage')) return assigned;
  return `(p.owner_id = ${param} or ${assigned} or exists (
    select 1 from team_members mine join team_members theirs on theirs.team_id = mine.team_id
    where mine.user_id = ${param} and theirs.user_id = p.owner_id))`;
}
