// Conversations (objects) come into being here: created by integrations and admins for anyone, by agents
// for themselves in their own teams, idempotently on the integration's externalId.
import type { CurrentUser } from '../../../contract/auth';
import type { CreateObjectRequest, CreatedObject, UpdateObjectRequest } from '../../../contract/objects';
import type { Database, Queryable } from '../../db/database';
import { HttpError } from '../../lib/http';
import { accessControl, type AccessControl } from '../access/service';
import { usersRepo } from '../users/repo';
import { objectsRepo, type ObjectRow } from './repo';

function toObject(row: ObjectRow): CreatedObject {
  return {
    objectId: row.object_id,
    externalId: row.external_id,
    title: row.title,
    team: { id: row.team_id, name: row.team_name },
    agent: {
      id: row.agent_id,
      username: row.agent_username,
      first_name: row.agent_first_name,
      last_name: row.agent_last_name,
    },
    createdAt: row.created_at.toISOString(),
  };
}

/** The agent by username, who must be an active user. */
async function activeAgent(db: Queryable, username: string) {
  const agent = await usersRepo(db).findByUsername(username);
  if (!agent || !agent.active) throw new HttpError(400, `agent: there is no active user "${username}".`);
  return agent;
}

async function existingTeam(db: Queryable, teamId: string) {
  if (!(await objectsRepo(db).teamExists(teamId)))
    throw new HttpError(400, `team: there is no team ${teamId}.`);
}

/**
 * Finds the conversation with `input.externalId`, or creates it, on `db` (a transaction, when the caller
 * creates more with it). Answers the conversation's id and whether it was created now.
 */
export async function findOrCreateObject(db: Queryable, actor: CurrentUser, input: CreateObjectRequest) {
  const access = accessControl(db);
  access.requirePermission(actor, 'objects.create');
  const forAnyone = access.can(actor, 'objects.manage');
  if (input.agent !== actor.username) access.requirePermission(actor, 'objects.manage');
  if (!forAnyone && !actor.teams.some((team) => team.id === input.team)) {
    throw new HttpError(403, 'team: agents create conversations only in their own teams.');
  }
  await existingTeam(db, input.team);
  const agent = await activeAgent(db, input.agent);
  const repo = objectsRepo(db);
  const id = await repo.insert({
    externalId: input.externalId ?? null,
    title: input.title,
    teamId: input.team,
    agentId: agent.id,
  });
  if (id) return { objectId: id, created: true };
  // Already there (perhaps created a moment ago by a concurrent request): the same conversation, if the
  // caller may see it; one they may not see is not revealed, and its externalId cannot be reused.
  const existing = (await repo.findByExternalId(input.externalId!))!;
  const visible = forAnyone || (await accessVisible(access, actor, existing));
  if (!visible) {
    throw new HttpError(409, `externalId: "${input.externalId}" is already used by another conversation.`);
  }
  return { objectId: existing.object_id, created: false };
}

async function accessVisible(access: AccessControl, actor: CurrentUser, object: ObjectRow) {
  try {
    await access.require(actor, 'object.read', object.object_id);
    return true;
  } catch (error) {
    if (error instanceof HttpError) return false;
    throw error;
  }
}

export function objectsService({ db, access }: { db: Database; access: AccessControl }) {
  const repo = objectsRepo(db);
  return {
    async create(actor: CurrentUser, input: CreateObjectRequest) {
      const { objectId, created } = await findOrCreateObject(db, actor, input);
      return { object: toObject((await repo.find(objectId))!), created };
    },

    async update(actor: CurrentUser, objectId: string, input: UpdateObjectRequest) {
      await access.require(actor, 'object.edit', objectId);
      if (input.team !== undefined) await existingTeam(db, input.team);
      const agent = input.agent === undefined ? null : await activeAgent(db, input.agent);
      const updated = await repo.update(objectId, {
        title: input.title,
        teamId: input.team,
        agentId: agent?.id,
        externalId: input.externalId,
      });
      if (!updated) {
        throw new HttpError(
          409,
          `externalId: "${input.externalId}" is already used by another conversation.`,
        );
      }
      return toObject((await repo.find(objectId))!);
    },
  };
}
export type ObjectsService = ReturnType<typeof objectsService>;
