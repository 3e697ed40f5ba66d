// The access model's entry point: every service asks it before reading or changing a resource, and no
// route or service checks a role by hand. Hidden answers 404 like missing; forbidden answers 403.
import { can, type Permission } from '../../../contract/permissions';
import type { Queryable } from '../../db/database';
import { HttpError, notFound } from '../../lib/http';
import {
  decide,
  PERMISSION_REFUSALS,
  POLICY,
  type Action,
  type Actor,
  type ResourceKind,
  type ResourceOf,
} from './policy';
import { accessRepo } from './repo';

const LABELS: Record<ResourceKind, string> = {
  object: 'Object',
  recording: 'Recording activity',
  evaluation: 'Evaluation',
  dispute: 'Dispute',
  annotation: 'Annotation',
  upload: 'Recording',
  playlist: 'Playlist',
  call: 'Call',
  apiKey: 'API key',
};

export function accessControl(db: Queryable) {
  const repo = accessRepo(db);

  return {
    /** The resource `id` if `actor` may do `action` on it; 404 when hidden or missing, 403 when forbidden. */
    async require<A extends Action>(actor: Actor, action: A, id: string): Promise<ResourceOf<A>> {
      const kind = POLICY[action].resource;
      const resource = (await repo[kind](actor, id)) as ResourceOf<A> | null;
      const decision = decide(actor, action, resource);
      if (decision === 'hidden') throw notFound(`${LABELS[kind]} ${id}`);
      if (decision === 'forbidden') throw new HttpError(403, POLICY[action].refusal(actor));
      return resource!;
    },

    /** Whether `actor` holds `permission`, for what depends on no one resource. */
    can: (actor: Actor, permission: Permission) => can(actor.role, permission),

    /** 403 unless `actor` holds `permission`. */
    requirePermission(actor: Actor, permission: Permission) {
      if (!can(actor.role, permission)) {
        const refusal = PERMISSION_REFUSALS[permission];
        throw new HttpError(403, refusal ? refusal(actor) : 'You may not do this.');
      }
    },
  };
}
export type AccessControl = ReturnType<typeof accessControl>;
