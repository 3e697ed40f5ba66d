// /playlists/:id — a playlist: its clips and total running time, Play; for its editors the title and
// description, the clips' order, removal, assignments and the completion table.
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { CurrentUser } from '../../../contract/auth';
import { mayManagePlaylists } from '../../../contract/permissions';
import type { Playlist } from '../../../contract/playlists';
import { Button, ButtonLink } from '../../components/Button';
import { TextAreaField, TextField } from '../../components/FormField';
import { QueryErrorPanel } from '../../components/QueryErrorPanel';
import { Spinner } from '../../components/Spinner';
import { StatePanel } from '../../components/StatePanel';
import { isApiError } from '../../lib/api-client';
import { formatCount, formatDuration } from '../../lib/format';
import { playlistQueryOptions, useDeletePlaylist, useUpdatePlaylist } from './api';
import { AssignmentsPanel } from './AssignmentsPanel';
import { ClipEditorList } from './ClipEditorList';
import { ErrorMessage } from '../../components/ErrorMessage';

export function PlaylistPage({ currentUser }: { currentUser: CurrentUser }) {
  const { id = '' } = useParams();
  const playlist = useQuery(playlistQueryOptions(id));

  if (playlist.isError && isApiError(playlist.error) && [400, 404].includes(playlist.error.status)) {
    return (
      <>
        <title>Playlist not found · Tapeline</title>
        <StatePanel
          icon="empty"
          headingLevel={1}
          title="Playlist not found"
          actions={<ButtonLink to="/playlists">All playlists</ButtonLink>}
        >
          This playlist doesn’t exist or it isn’t shared with you.
        </StatePanel>
      </>
    );
  }
  if (playlist.isError) {
    return <QueryErrorPanel headingLevel={1} title="Couldn’t load this playlist" query={playlist} />;
  }
  if (!playlist.data) {
    return (
      <p role="status" className="inline-flex items-center gap-2 text-sm text-slate-600">
        <Spinner /> Loading the playlist…
      </p>
    );
  }
  return <PlaylistDetail playlist={playlist.data} currentUser={currentUser} />;
}

function PlaylistDetail({ playlist, currentUser }: { playlist: Playlist; currentUser: CurrentUser }) {
  const edits = mayManagePlaylists(currentUser);
  const [editing, setEditing] = useState(false);
  const playable = playlist.items.filter((item) => item.available).length;
  return (
    <div className="space-y-8">
      <title>{`${playlist.title} · Playlists · Tapeline`}</title>
      <nav aria-label="Breadcrumb" className="text-sm text-slate-600">
        <Link to="/playlists" className="hover:underline">
          Playlists
        </Link>{' '}
        / <span className="font-medium text-slate-900">{playlist.title}</span>
      </nav>
      {editing ? (
        <DetailsForm playlist={playlist} onDone={() => setEditing(false)} />
      ) : (
        <header className="flex flex-wrap items-start justify-between gap-4">
          <div className="min-w-0">
            <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{playlist.title}</h1>
            {playlist.description && (
              <p className="mt-1 text-[0.9375rem] whitespace-pre-wrap text-slate-700">
                {playlist.description}
              </p>
            )}
            <p className="mt-1 text-sm text-slate-600" data-testid="running-time">
              {formatCount(playlist.items.length, 'clip')} · total running time{' '}
              {formatDuration(playlist.totalSeconds)}
            </p>
          </div>
          <div className="flex gap-2">
            {edits && (
              <Button variant="secondary" onClick={() => setEditing(true)}>
                Edit details
              </Button>
            )}
            {playable > 0 && (
              <ButtonLink to={`/playlists/${encodeURIComponent(playlist.id)}/play`}>Play</ButtonLink>
            )}
          </div>
        </header>
      )}
      <section aria-labelledby="clips-title" className="space-y-3">
        <h2 id="clips-title" className="text-lg font-semibold tracking-tight text-slate-900">
          Clips
        </h2>
        {edits ? (
          <ClipEditorList playlist={playlist} />
        ) : (
          <ol className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white shadow-xs">
            {playlist.items.map((item, index) => (
              <li key={item.id} className="px-4 py-3 text-sm">
                <span className="font-semibold text-slate-900">
                  {index + 1}.{' '}
                  {item.available
                    ? `${formatDuration(item.startSeconds)}–${formatDuration(item.endSeconds)}`
                    : 'No longer available'}
                </span>
                {item.progress.watched && <span className="ml-2 text-emerald-700">Watched</span>}
                {item.note && <p className="mt-0.5 text-slate-700">{item.note}</p>}
              </li>
            ))}
          </ol>
        )}
      </section>
      {edits && <AssignmentsPanel playlist={playlist} teams={currentUser.teams} />}
      {edits && <DeletePlaylist playlist={playlist} />}
    </div>
  );
}

function DetailsForm({ playlist, onDone }: { playlist: Playlist; onDone: () => void }) {
  const [title, setTitle] = useState(playlist.title);
  const [description, setDescription] = useState(playlist.description);
  const update = useUpdatePlaylist(playlist.id);
  function submit(event: FormEvent) {
    event.preventDefault();
    update.mutate({ title, description }, { onSuccess: onDone });
  }
  return (
    <form onSubmit={submit} className="max-w-xl space-y-4">
      <h1 className="sr-only">{playlist.title}</h1>
      <TextField
        label="Title"
        required
        maxLength={200}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
      />
      <TextAreaField
        label="Description"
        maxLength={4000}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
      />
      <ErrorMessage error={update.error} />
      <div className="flex gap-2">
        <Button type="submit" pending={update.isPending}>
          Save
        </Button>
        <Button variant="secondary" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function DeletePlaylist({ playlist }: { playlist: Playlist }) {
  const [confirming, setConfirming] = useState(false);
  const remove = useDeletePlaylist(playlist.id);
  const navigate = useNavigate();
  return (
    <div className="border-t border-slate-200 pt-6">
      {confirming ? (
        <div role="group" aria-label="Confirm delete" className="flex flex-wrap items-center gap-2 text-sm">
          <span>Delete “{playlist.title}” with its assignments and progress?</span>
          <Button
            variant="secondary"
            pending={remove.isPending}
            onClick={() => remove.mutate(undefined, { onSuccess: () => void navigate('/playlists') })}
          >
            Delete
          </Button>
          <Button variant="ghost" onClick={() => setConfirming(false)}>
            Keep
          </Button>
        </div>
      ) : (
        <Button variant="ghost" onClick={() => setConfirming(true)}>
          Delete playlist
        </Button>
      )}
      <ErrorMessage error={remove.error} className="mt-2" />
    </div>
  );
}
