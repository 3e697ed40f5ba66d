// Who may do what, by role: the one table the server enforces (server/modules/access) and the SPA asks
// before it shows a control, so a button never appears that the server would refuse.
import type { CurrentUser, Role } from './auth';

export const PERMISSIONS = [
  /** See conversations and recordings, within what the role's visibility scope lets it see. */
  'recordings.read',
  /** Record calls and upload recordings: on one's own conversations, as oneself. */
  'recordings.record',
  /** Record on any conversation, for any agent (admins and their integrations). */
  'recordings.record_for_anyone',
  /** Start a recorded video call with the customer of a conversation one may see, and host it. */
  'calls.start',
  /** Start, edit and submit evaluations of recordings. */
  'evaluations.write',
  /** Acknowledge or dispute an evaluation — only of a recording where one is the agent. */
  'evaluations.respond',
  'disputes.resolve',
  'annotations.write',
  'scorecards.manage',
  /** Create, change and deactivate users; create teams. */
  'users.manage',
  /** Create conversations (objects): agents their own, in their own teams. */
  'objects.create',
  /** Create conversations for any agent and team, and edit any conversation (admins, integrations). */
  'objects.manage',
  /** Build playlists of clips, assign them and follow the assignees' progress. */
  'playlists.manage',
  /** Watch the playlists one may see (one's own assignments) and have one's progress recorded. */
  'playlists.watch',
  /** Read the audit trail (and export it). */
  'audit.read',
  /** Set how long each team's recordings are kept. */
  'retention.manage',
  /** Place and release legal holds. */
  'holds.manage',
  /** Delete a recording on request, and run retention now. */
  'recordings.delete',
  /** Change one's own password and manage one's own API keys. */
  'account.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const EVERYONE: readonly Permission[] = [
  'recordings.read',
  'evaluations.respond',
  'playlists.watch',
  'account.manage',
];
const REVIEWER: readonly Permission[] = [
  ...EVERYONE,
  'evaluations.write',
  'disputes.resolve',
  'annotations.write',
  'scorecards.manage',
  'playlists.manage',
];

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  qa_manager: REVIEWER,
  trainer: [...EVERYONE, 'annotations.write', 'playlists.manage'],
  supervisor: [...EVERYONE, 'annotations.write'],
  agent: [...EVERYONE, 'recordings.record', 'objects.create', 'calls.start'],
};

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

/**
 * What a role sees: `everything`; the conversations of its `teams`; or only its `own` conversations
 * (and in them only the recordings where it is the agent). The server turns this into one SQL condition.
 */
export type VisibilityScope = 'everything' | 'teams' | 'own';

export function visibilityScope(role: Role): VisibilityScope {
  if (role === 'admin') return 'everything';
  return role === 'agent' ? 'own' : 'teams';
}

type Actor = Pick<CurrentUser, 'id' | 'role'>;

/** Evaluate recordings, see the QA filter and the reviewers' queue. */
/** Search recordings: every role that reviews, and agents over their own calls. */
export const maySearch = (user: Actor) => can(user.role, 'recordings.read');
export const mayEvaluate = (user: Actor) => can(user.role, 'evaluations.write');
export const mayAnnotate = (user: Actor) => can(user.role, 'annotations.write');
export const mayRecord = (user: Actor) => can(user.role, 'recordings.record');
/** Start (and host) a recorded call on a conversation one sees. */
export const mayCall = (user: Actor) => can(user.role, 'calls.start');
export const mayManageScorecards = (user: Actor) => can(user.role, 'scorecards.manage');
/** Build and assign playlists, add clips to them, see the assignees' progress. */
export const mayManagePlaylists = (user: Actor) => can(user.role, 'playlists.manage');
/** Open the playlists one may see (assigned ones, for agents). */
export const mayWatchPlaylists = (user: Actor) => can(user.role, 'playlists.watch');
export const mayReadAudit = (user: Actor) => can(user.role, 'audit.read');
export const mayManageRetention = (user: Actor) => can(user.role, 'retention.manage');
export const mayManageHolds = (user: Actor) => can(user.role, 'holds.manage');
export const mayDeleteRecordings = (user: Actor) => can(user.role, 'recordings.delete');
export const mayManageUsers = (user: Actor) => can(user.role, 'users.manage');
export const mayResolveDisputes = (user: Actor) => can(user.role, 'disputes.resolve');
/** Acknowledge or dispute this evaluation: only the agent on its recording. */
export const mayRespondTo = (user: Actor, evaluation: { agent: { id: string } }) =>
  can(user.role, 'evaluations.respond') && evaluation.agent.id === user.id;
