// Notes on moments of the recording: a list beside the player and markers on its progress bar. "N" adds
// one at the current time without pausing; clicking a note or its marker seeks there.
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { Button } from '../../components/Button';
import { QueryErrorNotice } from '../../components/QueryErrorPanel';
import { Spinner } from '../../components/Spinner';
import type { CurrentUser } from '../../../contract/auth';
import type { Annotation } from '../../../contract/annotations';
import { isApiError } from '../../lib/api-client';
import { formatDuration } from '../../lib/format';
import { isTypingTarget } from '../../lib/keyboard';
import type { ReviewPlayerControls } from '../../lib/player-controls';
import {
  annotationsQueryOptions,
  useCreateAnnotation,
  useDeleteAnnotation,
  useUpdateAnnotation,
} from './api';
import { AnnotationForm } from './AnnotationForm';
import { personName } from './EvaluationView';
import { mayAnnotate } from '../../../contract/permissions';

type Editing = { kind: 'new'; startSeconds: number; opened: number } | { kind: 'edit'; id: string } | null;

export function AnnotationsSection({
  activityId,
  currentUser,
  player,
  annotationActions,
}: {
  activityId: string;
  currentUser: CurrentUser;
  player: ReviewPlayerControls | null;
  annotationActions?: (annotation: Annotation) => ReactNode;
}) {
  const annotations = useQuery({
    ...annotationsQueryOptions(activityId),
    select: (list) => [...list].sort((a, b) => a.startSeconds - b.startSeconds),
  });
  const create = useCreateAnnotation(activityId);
  const update = useUpdateAnnotation(activityId);
  const [editing, setEditing] = useState<Editing>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  const canAnnotate = mayAnnotate(currentUser);

  useEffect(() => {
    player?.setMarkers(
      (annotations.data ?? []).map((annotation) => ({
        id: annotation.id,
        start: annotation.startSeconds,
        end: annotation.endSeconds ?? undefined,
        label: annotation.text,
      })),
    );
  }, [player, annotations.data]);

  useEffect(() => player?.onMarkerClick((marker) => setChosen(marker.id)), [player]);

  useEffect(() => {
    if (!canAnnotate) return;
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== 'n' && event.key !== 'N') return;
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      if (isTypingTarget(event.target) || document.querySelector('dialog[open]')) return;
      event.preventDefault();
      // The form opens at this moment; the recording keeps playing.
      setEditing({ kind: 'new', startSeconds: player?.currentTime() ?? 0, opened: Date.now() });
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [canAnnotate, player]);

  function seek(annotation: Annotation) {
    setChosen(annotation.id);
    player?.seek(annotation.startSeconds);
  }

  return (
    <div className="space-y-3">
      {canAnnotate && editing?.kind !== 'new' && (
        <div className="flex items-center justify-between gap-3">
          <p className="text-xs text-slate-600">
            Press{' '}
            <kbd className="rounded border border-slate-300 bg-white px-1.5 text-xs font-semibold">N</kbd> to
            note the current moment.
          </p>
          <Button
            variant="secondary"
            className="shrink-0 px-2.5 py-1 whitespace-nowrap"
            onClick={() =>
              setEditing({ kind: 'new', startSeconds: player?.currentTime() ?? 0, opened: Date.now() })
            }
          >
            Add note
          </Button>
        </div>
      )}
      {editing?.kind === 'new' && (
        <AnnotationForm
          key={editing.opened}
          initial={{ startSeconds: editing.startSeconds, text: '', tags: [] }}
          submitLabel="Add"
          onSave={async (input) => {
            await create.mutateAsync(input);
            setEditing(null);
          }}
          onCancel={() => setEditing(null)}
        />
      )}

      {annotations.isPending ? (
        <p role="status" className="inline-flex items-center gap-2 text-sm text-slate-600">
          <Spinner /> Loading annotations…
        </p>
      ) : annotations.isError ? (
        <QueryErrorNotice title="Couldn’t load the annotations." query={annotations} />
      ) : annotations.data.length === 0 ? (
        <p className="text-sm text-slate-600">No annotations yet.</p>
      ) : (
        <ol aria-label="Annotations" className="divide-y divide-slate-100">
          {annotations.data.map((annotation) => (
            <li key={annotation.id} className={`py-2 ${chosen === annotation.id ? 'bg-amber-50' : ''}`}>
              {editing?.kind === 'edit' && editing.id === annotation.id ? (
                <AnnotationForm
                  initial={annotation}
                  submitLabel="Save"
                  onSave={async (input) => {
                    await update.mutateAsync({ id: annotation.id, changes: input });
                    setEditing(null);
                  }}
                  onCancel={() => setEditing(null)}
                />
              ) : (
                <AnnotationItem
                  annotation={annotation}
                  own={annotation.author.id === currentUser.id}
                  activityId={activityId}
                  onSeek={() => seek(annotation)}
                  onEdit={() => setEditing({ kind: 'edit', id: annotation.id })}
                  actions={annotationActions?.(annotation)}
                />
              )}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

function AnnotationItem({
  annotation,
  own,
  activityId,
  onSeek,
  onEdit,
  actions,
}: {
  annotation: Annotation;
  actions?: ReactNode;
  own: boolean;
  activityId: string;
  onSeek: () => void;
  onEdit: () => void;
}) {
  const remove = useDeleteAnnotation(activityId);
  const [confirming, setConfirming] = useState(false);
  const range =
    annotation.endSeconds !== null
      ? `${formatDuration(annotation.startSeconds)}–${formatDuration(annotation.endSeconds)}`
      : formatDuration(annotation.startSeconds);
  return (
    <div className="px-1">
      <button
        type="button"
        onClick={onSeek}
        aria-label={`Go to ${range}: ${annotation.text}`}
        className="block w-full rounded text-left hover:bg-slate-50"
      >
        <span className="flex items-baseline justify-between gap-2">
          <span className="font-mono text-xs font-semibold text-brand-700 tabular-nums">{range}</span>
          <span className="truncate text-xs text-slate-500">{personName(annotation.author)}</span>
        </span>
        <span className="mt-0.5 block text-sm break-words whitespace-pre-wrap text-slate-900">
          {annotation.text}
        </span>
      </button>
      {annotation.tags.length > 0 && (
        <ul aria-label="Tags" className="mt-1 flex flex-wrap gap-1">
          {annotation.tags.map((tag) => (
            <li key={tag} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">
              {tag}
            </li>
          ))}
        </ul>
      )}
      {own && !confirming && (
        <div className="mt-1 flex gap-1">
          <Button variant="ghost" className="px-2 py-0.5 text-xs" onClick={onEdit}>
            Edit<span className="sr-only"> annotation at {range}</span>
          </Button>
          <Button variant="ghost" className="px-2 py-0.5 text-xs" onClick={() => setConfirming(true)}>
            Delete<span className="sr-only"> annotation at {range}</span>
          </Button>
        </div>
      )}
      {!confirming && actions && <div className="mt-1 flex gap-1">{actions}</div>}
      {own && confirming && (
        <div role="group" aria-label="Confirm delete" className="mt-1 flex items-center gap-2 text-xs">
          <span className="text-slate-700">Delete this annotation?</span>
          <Button
            variant="secondary"
            className="px-2 py-0.5 text-xs"
            pending={remove.isPending}
            onClick={() => remove.mutate(annotation)}
          >
            Delete
          </Button>
          <Button variant="ghost" className="px-2 py-0.5 text-xs" onClick={() => setConfirming(false)}>
            Keep
          </Button>
        </div>
      )}
      {remove.isError && (
        <p role="alert" className="mt-1 text-xs text-red-700">
          {isApiError(remove.error) ? remove.error.description : 'The annotation could not be deleted.'}
        </p>
      )}
    </div>
  );
}
