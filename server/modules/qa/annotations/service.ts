// Annotations: who may read and write them follows the recording's visibility; authors edit their own.
import type { CurrentUser } from '../../../../contract/auth';
import type { Annotation } from '../../../../contract/annotations';
import type { Database } from '../../../db/database';
import { HttpError, notFound } from '../../../lib/http';
import { forbidden, requireVisibleRecording, userRef, type RecordingRef } from '../access';
import { annotationsRepo, type AnnotationContent, type AnnotationRow } from './repo';

function toAnnotation(row: AnnotationRow): Annotation {
  return {
    id: row.id,
    activityId: row.activity_id,
    startSeconds: row.start_seconds,
    endSeconds: row.end_seconds,
    text: row.body,
    tags: row.tags,
    author: userRef(row, 'author'),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/**
 * The duration annotations must fit in: the measured one, or the whole seconds the Activities API reports
 * when that rounds up, so a time the player showed is never refused.
 */
function durationOf(recording: RecordingRef) {
  return Math.max(recording.durationSeconds, Math.round(recording.durationSeconds));
}

function checkBounds(recording: RecordingRef, content: AnnotationContent) {
  const duration = durationOf(recording);
  if (content.startSeconds > duration) {
    throw new HttpError(400, `startSeconds: must be within the recording (0–${duration} s).`);
  }
  if (content.endSeconds !== null) {
    if (content.endSeconds <= content.startSeconds) {
      throw new HttpError(400, 'endSeconds: must be after startSeconds.');
    }
    if (content.endSeconds > duration) {
      throw new HttpError(400, `endSeconds: must be within the recording (0–${duration} s).`);
    }
  }
}

/** Agents read notes on their own recordings but do not write them; every other role that sees it may. */
function requireWriter(user: CurrentUser) {
  if (user.role === 'agent')
    throw forbidden('Agents can read annotations on their recordings but not add them.');
}

export function annotationsService(db: Database) {
  const repo = annotationsRepo(db);

  /** The annotation and its recording, if the caller may see the recording; else 404. */
  async function visible(user: CurrentUser, id: string) {
    const row = await repo.find(id);
    if (!row) throw notFound(`Annotation ${id}`);
    const recording = await requireVisibleRecording(db, user, row.activity_id).catch(() => {
      throw notFound(`Annotation ${id}`);
    });
    return { row, recording };
  }

  async function asAuthor(user: CurrentUser, id: string) {
    const found = await visible(user, id);
    if (found.row.author_id !== user.id)
      throw forbidden('Only the author may change or delete an annotation.');
    return found;
  }

  return {
    async list(user: CurrentUser, activityId: string) {
      await requireVisibleRecording(db, user, activityId);
      return (await repo.list(activityId)).map(toAnnotation);
    },

    async create(user: CurrentUser, activityId: string, content: AnnotationContent) {
      const recording = await requireVisibleRecording(db, user, activityId);
      requireWriter(user);
      checkBounds(recording, content);
      const id = await repo.insert(activityId, user.id, content);
      return toAnnotation((await repo.find(id))!);
    },

    async update(user: CurrentUser, id: string, patch: Partial<AnnotationContent>) {
      const { row, recording } = await asAuthor(user, id);
      const content: AnnotationContent = {
        startSeconds: patch.startSeconds ?? row.start_seconds,
        endSeconds: patch.endSeconds === undefined ? row.end_seconds : patch.endSeconds,
        text: patch.text ?? row.body,
        tags: patch.tags ?? row.tags,
      };
      checkBounds(recording, content);
      await repo.update(id, content);
      return toAnnotation((await repo.find(id))!);
    },

    async remove(user: CurrentUser, id: string) {
      await asAuthor(user, id);
      await repo.remove(id);
    },
  };
}
export type AnnotationsService = ReturnType<typeof annotationsService>;
