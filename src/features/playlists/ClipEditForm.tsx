// Changing a clip in place: its note, and its range as times like 1:23 (only the fields changed are sent,
// so a range cut at fractions of a second stays as it was); the server's objections appear by their field.
import { useState, type FormEvent } from 'react';
import type { PlaylistItem, PlaylistItemPatch } from '../../../contract/playlists';
import { Button } from '../../components/Button';
import { TextField } from '../../components/FormField';
import { isApiError } from '../../lib/api-client';
import { formatDuration } from '../../lib/format';
import { parseTimeInput } from '../../lib/time-input';
import { useUpdateClip } from './api';
import { ClipNoteField } from './ClipNoteField';

type Field = 'start' | 'end' | 'note' | 'form';

/** "endSeconds: must be after startSeconds." → the end field; the server names the field first. */
function fieldOf(description: string): Field {
  const field = description.split(':')[0]?.trim() ?? '';
  if (field === 'startSeconds') return 'start';
  if (field === 'endSeconds') return 'end';
  if (field === 'note') return 'note';
  return 'form';
}

export function ClipEditForm({
  playlistId,
  item,
  label,
  onDone,
}: {
  playlistId: string;
  item: PlaylistItem;
  /** Names the clip for assistive technology ("clip 2"). */
  label: string;
  onDone: () => void;
}) {
  const update = useUpdateClip(playlistId);
  const [start, setStart] = useState(formatDuration(item.startSeconds));
  const [end, setEnd] = useState(formatDuration(item.endSeconds));
  const [note, setNote] = useState(item.note);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});

  function submit(event: FormEvent) {
    event.preventDefault();
    const patch: PlaylistItemPatch = {};
    const found: Partial<Record<Field, string>> = {};
    if (item.available) {
      if (start !== formatDuration(item.startSeconds)) {
        const seconds = parseTimeInput(start);
        if (seconds === null) found.start = 'Enter a time like 1:23.';
        else patch.startSeconds = seconds;
      }
      if (end !== formatDuration(item.endSeconds)) {
        const seconds = parseTimeInput(end);
        if (seconds === null) found.end = 'Enter a time like 1:23.';
        else patch.endSeconds = seconds;
      }
    }
    if (note !== item.note) patch.note = note;
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    if (Object.keys(patch).length === 0) {
      onDone();
      return;
    }
    update.mutate(
      { itemId: item.id, ...patch },
      {
        onSuccess: onDone,
        onError: (error) => {
          const description = isApiError(error) ? error.description : 'The clip could not be saved.';
          setErrors({
            [isApiError(error) && error.status === 400 ? fieldOf(description) : 'form']: description,
          });
        },
      },
    );
  }

  return (
    <form
      aria-label={`Edit ${label}`}
      onSubmit={submit}
      className="mt-2 space-y-3 rounded-lg bg-slate-50 p-3"
    >
      {item.available && (
        <div className="flex flex-wrap gap-3">
          <TextField
            label="Start"
            placeholder="1:23"
            value={start}
            onChange={(event) => setStart(event.target.value)}
            error={errors.start}
            className="w-36"
          />
          <TextField
            label="End"
            placeholder="2:10"
            value={end}
            onChange={(event) => setEnd(event.target.value)}
            error={errors.end}
            className="w-36"
          />
        </div>
      )}
      <ClipNoteField value={note} onChange={setNote} error={errors.note} />
      {errors.form && (
        <p role="alert" className="text-sm text-red-700">
          {errors.form}
        </p>
      )}
      <div className="flex gap-2">
        <Button type="submit" pending={update.isPending}>
          Save clip
        </Button>
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
