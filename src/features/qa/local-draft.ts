// The copy of an evaluation draft kept on this device until the server has it: survives a reload, a lost
// network and a closed tab. Keyed by evaluation id; remembers the server version it was based on.
import * as z from 'zod/mini';
import { type Evaluation } from '../../../contract/evaluations';
import { overallCommentSchema, ratingsSchema } from '../../../contract/ratings';

const localDraftSchema = z.object({
  baseVersion: z.int().check(z.positive()),
  ratings: ratingsSchema,
  overallComment: overallCommentSchema,
  /** Epoch ms of the last change on this device. */
  changedAt: z.number(),
});
export type LocalDraft = z.infer<typeof localDraftSchema>;

export interface DraftContent {
  ratings: LocalDraft['ratings'];
  overallComment: string | null;
}

const storageKey = (evaluationId: string) => `tapeline:evaluation-draft:${evaluationId}`;

export function readLocalDraft(evaluationId: string): LocalDraft | null {
  try {
    const stored = localStorage.getItem(storageKey(evaluationId));
    if (!stored) return null;
    const parsed = localDraftSchema.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function writeLocalDraft(evaluationId: string, draft: LocalDraft): void {
  try {
    localStorage.setItem(storageKey(evaluationId), JSON.stringify(draft));
  } catch {
    // Storage full or disabled: the server copy is all there is; saving still works.
  }
}

export function clearLocalDraft(evaluationId: string): void {
  try {
    localStorage.removeItem(storageKey(evaluationId));
  } catch {
    // Nothing to clear when storage is unavailable.
  }
}

/**
 * What to edit when a draft opens: the local copy when it changed after the server's last save (it never
 * reached the server), else the server's. Compares this device's clock with the server's `updatedAt`.
 */
export function draftToOpen(evaluation: Evaluation): {
  content: DraftContent;
  baseVersion: number;
  restored: boolean;
} {
  const local = readLocalDraft(evaluation.id);
  if (local && local.changedAt > Date.parse(evaluation.updatedAt)) {
    return {
      content: { ratings: local.ratings, overallComment: local.overallComment },
      baseVersion: local.baseVersion,
      restored: true,
    };
  }
  if (local) clearLocalDraft(evaluation.id);
  return {
    content: { ratings: evaluation.ratings, overallComment: evaluation.overallComment },
    baseVersion: evaluation.version,
    restored: false,
  };
}
