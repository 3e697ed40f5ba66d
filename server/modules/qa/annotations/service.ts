// Annotations: who may read and write them follows the recording's visibility; authors edit their own.
import type { CurrentUser } from '../../../../contract/auth';
import type { Annotation } from '../../../../contract/annotations';
import type { Database } from '../../../db/database';
import { HttpError } from '../../../lib/http';
import { userRef } from '../../../lib/user-ref';
import type { RecordingRef } from '../../access/repo';
import type { AccessControl } from '../../access/service';
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

export function annotationsService(db: Database, access: AccessControl) {
  const repo = annotationsRepo(db);

  /** The annotation and its recording, if the caller wrote it; 404 when they may not see it. */
  async function asAuthor(user: CurrentUser, id: string) {
    const { recording } = await access.require(user, 'annotation.edit', id);
    return { row: (await repo.find(id))!, recording };
  }

  return {
    async list(user: CurrentUser, activityId: string) {
      await access.require(user, 'recording.read', activityId);
      return (await repo.list(activityId)).map(toAnnotation);
    },

    async create(user: CurrentUser, activityId: string, content: AnnotationContent) {
      const recording = await access.require(user, 'annotation.create', activityId);
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
