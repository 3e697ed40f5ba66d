// The clips of a playlist, for its editors: reorder by drag or by keyboard (the handle takes ↑/↓, and
// the Move up/down buttons), edit a clip's note and range, remove; the server's order wins when it
// changed meanwhile (409).
import { useState, type DragEvent, type KeyboardEvent } from 'react';
import type { Playlist, PlaylistItem } from '../../../contract/playlists';
import { Button } from '../../components/Button';
import { describeError } from '../../lib/api-client';
import { formatDuration } from '../../lib/format';
import { useRemoveClip, useReorderClips } from './api';
import { ClipEditForm } from './ClipEditForm';
import { moveTo } from './reorder';

export function ClipEditorList({ playlist }: { playlist: Playlist }) {
  const reorder = useReorderClips(playlist.id);
  const remove = useRemoveClip(playlist.id);
  const [dragged, setDragged] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const ids = playlist.items.map((item) => item.id);

  function move(item: PlaylistItem, to: number, focus = false) {
    const next = moveTo(ids, item.id, to);
    if (next.join() === ids.join()) return;
    reorder.mutate(next);
    setAnnouncement(`Clip moved to position ${next.indexOf(item.id) + 1} of ${next.length}.`);
    if (focus) {
      // The handle moves with its clip; keep the focus on it.
      requestAnimationFrame(() => document.getElementById(`clip-handle-${item.id}`)?.focus());
    }
  }

  function onHandleKey(event: KeyboardEvent, item: PlaylistItem, index: number) {
    if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
      event.preventDefault();
      move(item, index + (event.key === 'ArrowUp' ? -1 : 1), true);
    }
  }

  function onDrop(event: DragEvent, index: number) {
    event.preventDefault();
    const item = playlist.items.find((entry) => entry.id === dragged);
    setDragged(null);
    if (item) move(item, index);
  }

  if (playlist.items.length === 0) {
    return (
      <p className="rounded-xl border border-dashed border-slate-300 px-5 py-8 text-center text-sm text-slate-600">
        No clips yet. Open a recording, mark a range with <kbd>I</kbd> and <kbd>O</kbd>, and choose “Add to
        playlist”.
      </p>
    );
  }

  return (
    <div>
      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>
      <ol
        aria-label="Clips"
        className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white shadow-xs"
      >
        {playlist.items.map((item, index) => {
          const label = clipLabel(item, index);
          return (
            <li
              key={item.id}
              data-testid="clip-row"
              onDragOver={(event) => event.preventDefault()}
              onDrop={(event) => onDrop(event, index)}
              className={`flex items-start gap-3 px-4 py-3 ${dragged === item.id ? 'opacity-50' : ''}`}
            >
              <button
                type="button"
                id={`clip-handle-${item.id}`}
                draggable
                onDragStart={(event) => {
                  event.dataTransfer.effectAllowed = 'move';
                  event.dataTransfer.setData('text/plain', item.id);
                  setDragged(item.id);
                }}
                onDragEnd={() => setDragged(null)}
                onKeyDown={(event) => onHandleKey(event, item, index)}
                aria-label={`Reorder ${label}: drag, or press the up and down arrow keys`}
                className="mt-0.5 cursor-grab rounded px-1 text-slate-400 hover:bg-slate-100 hover:text-slate-700"
              >
                <span aria-hidden="true">⠿</span>
              </button>
              <div className="min-w-0 flex-1">
                <p className="text-sm font-semibold text-slate-900">
                  {index + 1}.{' '}
                  {item.available
                    ? `${formatDuration(item.startSeconds)}–${formatDuration(item.endSeconds)}`
                    : 'No longer available'}
                  {item.agent && (
                    <span className="font-normal text-slate-600">
                      {' '}
                      · call with {item.agent.first_name} {item.agent.last_name}
                    </span>
                  )}
                  <span className="font-normal text-slate-600">
                    {' '}
                    · {formatDuration(item.endSeconds - item.startSeconds)}
                  </span>
                </p>
                {editing === item.id ? (
                  <ClipEditForm
                    playlistId={playlist.id}
                    item={item}
                    label={label}
                    onDone={() => setEditing(null)}
                  />
                ) : (
                  item.note && <p className="mt-0.5 text-sm text-slate-700">{item.note}</p>
                )}
              </div>
              <div className="flex shrink-0 gap-1">
                <Button
                  variant="ghost"
                  className="px-2 py-1 text-xs"
                  disabled={index === 0}
                  aria-label={`Move up ${label}`}
                  onClick={() => move(item, index - 1)}
                >
                  Move up
                </Button>
                <Button
                  variant="ghost"
                  className="px-2 py-1 text-xs"
                  disabled={index === playlist.items.length - 1}
                  aria-label={`Move down ${label}`}
                  onClick={() => move(item, index + 1)}
                >
                  Move down
                </Button>
                <Button
                  variant="ghost"
                  className="px-2 py-1 text-xs"
                  disabled={editing === item.id}
                  aria-label={`Edit ${label}`}
                  onClick={() => setEditing(item.id)}
                >
                  Edit
                </Button>
                <Button
                  variant="ghost"
                  className="px-2 py-1 text-xs"
                  aria-label={`Remove ${label}`}
                  onClick={() => remove.mutate(item.id)}
                >
                  Remove
                </Button>
              </div>
            </li>
          );
        })}
      </ol>
      {(reorder.isError || remove.isError) && (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {describeError(reorder.error ?? remove.error)} The list now shows the playlist as it is.
        </p>
      )}
    </div>
  );
}

function clipLabel(item: PlaylistItem, index: number) {
  return `clip ${index + 1}${item.note ? ` (${item.note})` : ''}`;
}
