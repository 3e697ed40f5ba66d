// Who sees what: the one visibility rule every read of conversations and recordings applies.
import type { CurrentUser } from '../../../contract/auth';

/**
 * SQL conditions on `o` (objects) and `a` (activities) for what `user` may see. `param` holds the
 * user's id; every condition mentions it so the statement's parameters are the same for every role.
 */
export function visibility(user: CurrentUser, param: string) {
  const everything = `${param}::bigint is not null`;
  switch (user.role) {
    case 'admin':
      return { objects: everything, activities: everything };
    case 'agent':
      // Agents see their own conversations and, in them, only the recordings where they are the agent.
      return {
        objects: `o.agent_id = ${param}`,
        activities: `(a.activity_type <> 27 or a.user_id = ${param})`,
      };
    default:
      return {
        objects: `o.team_id in (select team_id from team_members where user_id = ${param})`,
        activities: everything,
      };
  }
}
