// Retention, deletion on request and legal holds. Every deletion — by the daily job or an admin — takes
// the same path: refuse if a hold covers it, delete the rows in one transaction, audit it with its
// reason, then delete the media object (a failed object delete is retried by the next run).
import type { Hold } from '../../../contract/retention';
import type { Database } from '../../db/database';
import { HttpError, notFound } from '../../lib/http';
import type { Log } from '../../lib/log';
import type { Actor } from '../access/policy';
import type { AccessControl } from '../access/service';
import type { AuditContext, AuditTrail } from '../audit/trail';
import type { MediaStorage } from '../media/storage';
import { usersRepo } from '../users/repo';
import { retentionRepo, type HoldRow, type HoldTarget } from './repo';

export interface HoldInput {
  activityId?: string;
  objectId?: string;
  agent?: string;
  reason: string;
}

export interface RetentionRun {
  deleted: { activityId: string; objectId: string; teamId: string; createdTime: string }[];
  keptByHold: { activityId: string; objectId: string; holdId: string; holdReason: string }[];
}

const PAGE = 500;

const holdJson = (hold: HoldRow): Hold => ({
  ...hold,
  createdAt: hold.createdAt.toISOString(),
  releasedAt: hold.releasedAt?.toISOString() ?? null,
});

function holdDescription(hold: HoldRow) {
  return `legal hold ${hold.id} on ${hold.target} ${hold.targetId} (“${hold.reason}”, set by ${hold.createdBy})`;
}

export function retentionService(deps: {
  db: Database;
  access: AccessControl;
  storage: MediaStorage;
  trail: AuditTrail;
  log: Log;
}) {
  const { db, access, storage, trail, log } = deps;
  const repo = retentionRepo(db);
  const users = usersRepo(db);

  async function deleteMedia(activityId: string, storageKey: string) {
    try {
      await storage.delete(storageKey);
      await repo.markMediaDeleted(activityId);
    } catch (error) {
      log.warn(
        { err: error, activityId },
        'media of a deleted recording could not be deleted; the next run retries',
      );
    }
  }

  /** The one deletion path: 409 when a hold covers it; audited with `reason`. */
  async function deleteRecording(activityId: string, reason: string, context: AuditContext) {
    const removed = await db.transaction(async (tx) => {
      const holds = await repo.holdsOn(activityId, tx);
      if (holds.length > 0) {
        throw new HttpError(
          409,
          `Recording activity ${activityId} is under ${holdDescription(holds[0]!)}; release the hold first.`,
        );
      }
      return repo.deleteRecording(tx, activityId, reason, context.actor?.id ?? null);
    });
    if (!removed.found) return false;
    await trail.recordNow({
      ...context,
      action: 'recording.deleted',
      resource: { type: 'recording', id: activityId },
      details: { reason },
    });
    if (removed.storageKey) await deleteMedia(activityId, removed.storageKey);
    return true;
  }

  /** What retention deletes at `now` (or would, with `dryRun`), and what holds keep. */
  async function run(
    options: { now?: Date; dryRun?: boolean; context?: AuditContext } = {},
  ): Promise<RetentionRun> {
    const now = options.now ?? new Date();
    const context = options.context ?? { actor: null };
    const result: RetentionRun = { deleted: [], keptByHold: [] };
    let after: { createdTime: Date; activityId: string } | null = null;
    for (;;) {
      const page = await repo.expired(now, PAGE, after);
      for (const recording of page) {
        if (recording.holdId !== null) {
          result.keptByHold.push({
            activityId: recording.activityId,
            objectId: recording.objectId,
            holdId: recording.holdId,
            holdReason: recording.holdReason ?? '',
          });
          continue;
        }
        const item = {
          activityId: recording.activityId,
          objectId: recording.objectId,
          teamId: recording.teamId,
          createdTime: recording.createdTime.toISOString(),
        };
        if (options.dryRun) {
          result.deleted.push(item);
          continue;
        }
        try {
          const reason = `retention: team ${recording.teamId} keeps recordings for a limited time`;
          if (await deleteRecording(recording.activityId, reason, context)) result.deleted.push(item);
        } catch (error) {
          // A hold placed since the page was read: kept.
          if (!(error instanceof HttpError && error.statusCode === 409)) throw error;
        }
      }
      if (page.length < PAGE) break;
      const last = page[page.length - 1]!;
      after = { createdTime: last.createdTime, activityId: last.activityId };
    }
    if (!options.dryRun) {
      for (const left of await repo.mediaLeftBehind()) await deleteMedia(left.activityId, left.storageKey);
    }
    return result;
  }

  return {
    deleteRecording,
    run,

    /** An admin deletes one recording on request (a data-subject request), with a reason. */
    async deleteOnRequest(actor: Actor, activityId: string, reason: string, context: AuditContext) {
      await access.require(actor, 'recording.delete', activityId);
      if (!(await deleteRecording(activityId, reason, context)))
        throw notFound(`Recording activity ${activityId}`);
    },

    async runNow(actor: Actor, context: AuditContext) {
      access.requirePermission(actor, 'recordings.delete');
      return run({ context });
    },

    /** Runs retention if no instance has in the last day; the daily job calls this every hour. */
    async runIfDue(holder: string) {
      if (!(await repo.takeLease('retention', holder, 3600, 23 * 3600))) return null;
      try {
        return await run();
      } finally {
        await repo.finishLease('retention', holder);
      }
    },

    async placeHold(actor: Actor, input: HoldInput) {
      access.requirePermission(actor, 'holds.manage');
      const targets = [input.activityId, input.objectId, input.agent].filter((value) => value !== undefined);
      if (targets.length !== 1) {
        throw new HttpError(400, 'Send exactly one of activityId, objectId or agent: what the hold keeps.');
      }
      let target: HoldTarget;
      let targetId: string;
      if (input.activityId !== undefined) {
        target = 'recording';
        targetId = (await access.require(actor, 'recording.read', input.activityId)).activityId;
      } else if (input.objectId !== undefined) {
        target = 'conversation';
        targetId = (await access.require(actor, 'object.read', input.objectId)).objectId;
      } else {
        const agent = await users.findByUsername(input.agent!);
        if (!agent) throw new HttpError(400, `agent: there is no user "${input.agent}".`);
        target = 'agent';
        targetId = agent.id;
      }
      return { id: await repo.createHold(target, targetId, input.reason, actor.id) };
    },

    async listHolds(actor: Actor, options: { activityId?: string; includeReleased?: boolean }) {
      access.requirePermission(actor, 'holds.manage');
      if (options.activityId !== undefined) {
        await access.require(actor, 'recording.read', options.activityId);
        return (await repo.holdsOn(options.activityId)).map(holdJson);
      }
      return (await repo.holds(options.includeReleased ?? false)).map(holdJson);
    },

    async releaseHold(actor: Actor, id: string) {
      access.requirePermission(actor, 'holds.manage');
      const hold = await repo.hold(id);
      if (!hold) throw notFound(`Legal hold ${id}`);
      if (!(await repo.releaseHold(id, actor.id)))
        throw new HttpError(409, `Legal hold ${id} was already released.`);
    },

    async retentionPolicies(actor: Actor) {
      access.requirePermission(actor, 'retention.manage');
      return repo.teams();
    },

    async setRetention(actor: Actor, teamId: string, days: number | null) {
      access.requirePermission(actor, 'retention.manage');
      const team = await repo.setTeamRetention(teamId, days);
      if (!team) throw notFound(`Team ${teamId}`);
      return { id: team.id, name: team.name, days: team.days };
    },
  };
}
export type RetentionService = ReturnType<typeof retentionService>;
