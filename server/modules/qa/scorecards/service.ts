// Scorecards: definitions are validated, get stable ids, and every edit publishes a new immutable version.
import { randomBytes } from 'node:crypto';
import type { CurrentUser } from '../../../../contract/auth';
import type { Scorecard, ScorecardDefinition, scorecardInputSchema } from '../../../../contract/scorecards';
import type { Database } from '../../../db/database';
import { HttpError, notFound } from '../../../lib/http';
import { userRef } from '../../../lib/user-ref';
import type { AccessControl } from '../../access/service';
import { StaleWriteError } from '../conflict';
import { scorecardsRepo, type ScorecardRow } from './repo';
import type { z } from 'zod';

type ScorecardInput = z.output<typeof scorecardInputSchema>;

export function toScorecard(row: ScorecardRow): Scorecard {
  return {
    id: row.id,
    ...row.definition,
    version: row.version,
    currentVersion: row.current_version,
    archived: row.archived_at !== null,
    versionCreatedAt: row.version_created_at.toISOString(),
    versionCreatedBy: row.creator_id ? userRef(row, 'creator') : null,
  };
}

const newId = (prefix: string) => `${prefix}-${randomBytes(5).toString('hex')}`;

/** Gives new sections and criteria an id, and rejects ids used twice (they must identify one thing). */
export function withStableIds(input: ScorecardInput): ScorecardDefinition {
  const sectionIds = new Set<string>();
  const criterionIds = new Set<string>();
  const sections = input.sections.map((section, s) => {
    const id = section.id ?? newId('s');
    if (sectionIds.has(id)) throw new HttpError(400, `sections.${s}.id: "${id}" is used by another section.`);
    sectionIds.add(id);
    const criteria = section.criteria.map((criterion, c) => {
      const criterionId = criterion.id ?? newId('c');
      if (criterionIds.has(criterionId)) {
        throw new HttpError(
          400,
          `sections.${s}.criteria.${c}.id: "${criterionId}" is used by another criterion.`,
        );
      }
      criterionIds.add(criterionId);
      return { ...criterion, id: criterionId };
    });
    return { ...section, id, criteria };
  });
  return { name: input.name, description: input.description, sections };
}

export function scorecardsService(db: Database, access: AccessControl) {
  const repo = scorecardsRepo(db);
  const requireManager = (user: CurrentUser) => access.requirePermission(user, 'scorecards.manage');

  async function current(id: string) {
    const row = await repo.find(id);
    if (!row) throw notFound(`Scorecard ${id}`);
    return toScorecard(row);
  }

  return {
    async list(includeArchived: boolean) {
      return (await repo.list(includeArchived)).map(toScorecard);
    },

    get: current,

    async getVersion(id: string, version: number) {
      const row = await repo.find(id, version);
      if (!row) throw notFound(`Version ${version} of scorecard ${id}`);
      return toScorecard(row);
    },

    async create(user: CurrentUser, input: ScorecardInput) {
      requireManager(user);
      const definition = withStableIds(input);
      const id = await db.transaction((tx) => scorecardsRepo(tx).insert(definition, user.id));
      return current(id);
    },

    /**
     * Publishes the edit as version n+1 when the caller edited version n (the current one). Always a new
     * version, with or without evaluations: versions are immutable, so what an evaluation was rated on
     * never changes under it.
     */
    async update(user: CurrentUser, id: string, input: ScorecardInput & { version: number }) {
      requireManager(user);
      const existing = await current(id);
      if (existing.archived)
        throw new HttpError(409, `Scorecard ${id} is archived; it can no longer be edited.`);
      const definition = withStableIds(input);
      const published = await db.transaction(async (tx) => {
        const txRepo = scorecardsRepo(tx);
        const next = await txRepo.bumpVersion(id, input.version, definition.name);
        if (next === null) return null;
        await txRepo.insertVersion(id, next, definition, user.id);
        return next;
      });
      if (published === null) {
        const latest = await current(id);
        throw new StaleWriteError(
          `Scorecard ${id} is at version ${latest.currentVersion}, not ${input.version}: someone else edited it. ` +
            'Reload it, or send your edit again with the current version.',
          latest,
        );
      }
      return current(id);
    },

    async archive(user: CurrentUser, id: string) {
      requireManager(user);
      await current(id);
      await repo.archive(id);
      return current(id);
    },
  };
}
export type ScorecardsService = ReturnType<typeof scorecardsService>;
