// The access model's one table: for each action, the resource it acts on, the permission it needs
// (contract/permissions.ts) and, where it matters, whose the resource must be. `decide` applies it:
// a resource the actor may not see is `hidden` (answered 404, exactly like a missing one); one they see
// but may not act on is `forbidden` (403).
import type { CurrentUser } from '../../../contract/auth';
import { can, type Permission } from '../../../contract/permissions';
import type {
  AnnotationRef,
  ApiKeyRef,
  CallRef,
  DisputeRef,
  EvaluationRef,
  ObjectRef,
  PlaylistRef,
  RecordingRef,
  UploadRef,
} from './repo';

export type Actor = Pick<CurrentUser, 'id' | 'role' | 'username'>;
export type Decision = 'allowed' | 'hidden' | 'forbidden';

export interface Resources {
  object: ObjectRef;
  recording: RecordingRef;
  evaluation: EvaluationRef;
  dispute: DisputeRef;
  annotation: AnnotationRef;
  upload: UploadRef;
  playlist: PlaylistRef;
  call: CallRef;
  apiKey: ApiKeyRef;
}
export type ResourceKind = keyof Resources;

interface Rule<Kind extends ResourceKind> {
  resource: Kind;
  permission: Permission;
  /** Besides the permission, the actor must stand in this relation to the resource. */
  // A method, so that rules of every kind fit one table (parameters of methods are bivariant).
  owns?(actor: Actor, resource: Resources[Kind]): boolean;
  /** The 403's description, for a person. */
  refusal: (actor: Actor) => string;
}

const rule = <Kind extends ResourceKind>(
  resource: Kind,
  permission: Permission,
  refusal: string | ((actor: Actor) => string),
  owns?: Rule<Kind>['owns'],
): Rule<Kind> => ({
  resource,
  permission,
  owns,
  refusal: typeof refusal === 'string' ? () => refusal : refusal,
});

const recordOnly = (actor: Actor) =>
  `Only admins and agents can record calls; you are signed in as a ${actor.role.replace('_', ' ')}.`;

const callOnly = (actor: Actor) =>
  `Only admins and agents start calls; you are signed in as a ${actor.role.replace('_', ' ')}.`;

export const POLICY = {
  'call.start': rule('object', 'calls.start', callOnly),
  'call.host': rule(
    'call',
    'calls.start',
    'Only the person who started this call may host it.',
    (actor, call) => call.hostId === actor.id,
  ),
  'object.read': rule('object', 'recordings.read', 'You may not see this conversation.'),
  'recording.read': rule('recording', 'recordings.read', 'You may not see this recording.'),
  'recording.create': rule('object', 'recordings.record', recordOnly),
  'object.edit': rule('object', 'objects.manage', 'Only admins and integrations edit conversations.'),
  'upload.write': rule('upload', 'recordings.record', recordOnly),
  'recording.delete': rule('recording', 'recordings.delete', 'Only admins delete recordings.'),
  'evaluation.create': rule(
    'recording',
    'evaluations.write',
    'Only admins and QA managers evaluate recordings.',
  ),
  'evaluation.read': rule('evaluation', 'recordings.read', 'You may not see this evaluation.'),
  'evaluation.edit': rule(
    'evaluation',
    'evaluations.write',
    'Only the reviewer who wrote this evaluation may change it.',
    (actor, evaluation) => evaluation.evaluatorId === actor.id,
  ),
  'evaluation.respond': rule(
    'evaluation',
    'evaluations.respond',
    'Only the agent on the recording may acknowledge or dispute its evaluation.',
    (actor, evaluation) => evaluation.agentId === actor.id,
  ),
  'dispute.resolve': rule('dispute', 'disputes.resolve', 'Only admins and QA managers resolve disputes.'),
  'annotation.create': rule(
    'recording',
    'annotations.write',
    'Agents can read annotations on their recordings but not add them.',
  ),
  'annotation.edit': rule(
    'annotation',
    'annotations.write',
    'Only the author may change or delete an annotation.',
    (actor, annotation) => annotation.authorId === actor.id,
  ),
  'playlist.read': rule('playlist', 'playlists.watch', 'You may not see this playlist.'),
  'playlist.edit': rule(
    'playlist',
    'playlists.manage',
    'Only trainers, QA managers and admins change playlists and follow their progress.',
  ),
  'playlist.watch': rule(
    'playlist',
    'playlists.watch',
    'Only the playlist’s assignees have their progress recorded.',
    (_actor, playlist) => playlist.assigned,
  ),
  'apikey.revoke': rule(
    'apiKey',
    'account.manage',
    'Only the owner of an API key may revoke it.',
    (actor, key) => key.userId === actor.id,
  ),
} as const satisfies Record<string, Rule<ResourceKind>>;

export type Action = keyof typeof POLICY;
export type ResourceOf<A extends Action> = Resources[(typeof POLICY)[A]['resource']];

/** Permissions that act on no one resource, with the 403's description. */
export const PERMISSION_REFUSALS: Partial<Record<Permission, (actor: Actor) => string>> = {
  'scorecards.manage': () => 'Only admins and QA managers manage scorecards.',
  'recordings.record': recordOnly,
  'playlists.manage': () => 'Only trainers, QA managers and admins build playlists.',
  'audit.read': () => 'Only admins read the audit trail.',
  'retention.manage': () => 'Only admins set retention.',
  'holds.manage': () => 'Only admins place or release legal holds.',
  'recordings.delete': () => 'Only admins delete recordings or run retention.',
  'calls.start': callOnly,
  'recordings.record_for_anyone': (actor) =>
    `agent: agents record only as themselves; send "${actor.username}".`,
  'users.manage': () => 'Only admins manage users and teams.',
  'objects.create': (actor) =>
    `Only admins, integrations and agents create conversations; you are signed in as a ${actor.role.replace('_', ' ')}.`,
  'objects.manage': (actor) =>
    `agent: agents create conversations only for themselves, in their own teams; send "${actor.username}".`,
};

/** What `actor` may do with `resource` (null: missing, or outside what they may see). */
export function decide<A extends Action>(actor: Actor, action: A, resource: ResourceOf<A> | null): Decision {
  if (resource === null) return 'hidden';
  const policy = POLICY[action] as Rule<ResourceKind>;
  if (!can(actor.role, policy.permission)) return 'forbidden';
  if (policy.owns && !policy.owns(actor, resource)) return 'forbidden';
  return 'allowed';
}
