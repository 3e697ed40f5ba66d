// "Add to playlist": one clip of one recording into an existing or a new playlist, with a note for the
// trainee. Reusable wherever a recording is shown (review page, annotations, search hits).
import { useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { SelectField, TextField } from '../../components/FormField';
import { formatDuration } from '../../lib/format';
import { playlistsQueryOptions, useAddClip, useCreatePlaylist } from './api';
import { ClipNoteField } from './ClipNoteField';

const NEW_PLAYLIST = 'new';

export interface ClipRange {
  startSeconds: number;
  endSeconds: number;
}

export function AddToPlaylistDialog({
  open,
  onClose,
  activityId,
  range,
  defaultNote = '',
}: {
  open: boolean;
  onClose: () => void;
  /** The recording activity the clip is cut from. */
  activityId: string;
  range: ClipRange;
  defaultNote?: string;
}) {
  const titleId = useId();
  return (
    <Dialog open={open} onClose={onClose} labelledBy={titleId}>
      {open && (
        <AddToPlaylistForm
          titleId={titleId}
          activityId={activityId}
          range={range}
          defaultNote={defaultNote}
          onClose={onClose}
        />
      )}
    </Dialog>
  );
}

function AddToPlaylistForm({
  titleId,
  activityId,
  range,
  defaultNote,
  onClose,
}: {
  titleId: string;
  activityId: string;
  range: ClipRange;
  defaultNote: string;
  onClose: () => void;
}) {
  const playlists = useQuery(playlistsQueryOptions());
  const [choice, setChoice] = useState<string | null>(null);
  const [newTitle, setNewTitle] = useState('');
  const [note, setNote] = useState(defaultNote);
  const [added, setAdded] = useState<{ id: string; title: string } | null>(null);
  const create = useCreatePlaylist();
  const addClip = useAddClip();
  const options = playlists.data ?? [];
  const selected = choice ?? options[0]?.id ?? NEW_PLAYLIST;
  const error = create.error ?? addClip.error;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const target =
      selected === NEW_PLAYLIST
        ? await create.mutateAsync({ title: newTitle })
        : options.find((playlist) => playlist.id === selected)!;
    await addClip.mutateAsync({ playlistId: target.id, activityId, note, ...range });
    setAdded({ id: target.id, title: target.title });
  }

  if (added) {
    return (
      <div className="p-6">
        <h2 id={titleId} className="text-lg font-semibold tracking-tight">
          Added to playlist
        </h2>
        <p role="status" className="mt-2 text-sm text-slate-700">
          The clip {formatDuration(range.startSeconds)}–{formatDuration(range.endSeconds)} is now in “
          {added.title}”.
        </p>
        <div className="mt-6 flex justify-end gap-2">
          <Link
            to={`/playlists/${encodeURIComponent(added.id)}`}
            className="rounded-lg px-3.5 py-2 text-sm font-semibold text-brand-800 hover:bg-brand-50"
          >
            Open the playlist
          </Link>
          <Button variant="secondary" onClick={onClose} autoFocus>
            Close
          </Button>
        </div>
      </div>
    );
  }

  return (
    <form className="space-y-4 p-6" onSubmit={(event) => void submit(event).catch(() => {})}>
      <div>
        <h2 id={titleId} className="text-lg font-semibold tracking-tight">
          Add to playlist
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          Clip {formatDuration(range.startSeconds)}–{formatDuration(range.endSeconds)} (
          {formatDuration(range.endSeconds - range.startSeconds)})
        </p>
      </div>
      {playlists.isPending ? (
        <p className="text-sm text-slate-600">Loading your playlists…</p>
      ) : (
        <SelectField label="Playlist" value={selected} onChange={(event) => setChoice(event.target.value)}>
          {options.map((playlist) => (
            <option key={playlist.id} value={playlist.id}>
              {playlist.title}
            </option>
          ))}
          <option value={NEW_PLAYLIST}>New playlist…</option>
        </SelectField>
      )}
      {selected === NEW_PLAYLIST && (
        <TextField
          label="New playlist’s title"
          required
          maxLength={200}
          value={newTitle}
          onChange={(event) => setNewTitle(event.target.value)}
        />
      )}
      <ClipNoteField value={note} onChange={setNote} />
      <ErrorMessage error={error} />
      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={onClose}>
          Cancel
        </Button>
        <Button type="submit" pending={create.isPending || addClip.isPending} disabled={playlists.isPending}>
          Add clip
        </Button>
      </div>
    </form>
  );
}
