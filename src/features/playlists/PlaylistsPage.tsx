// /playlists — the playlists the caller may see; trainers, QA managers and admins create new ones here.
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import type { CurrentUser } from '../../../contract/auth';
import { mayManagePlaylists } from '../../../contract/permissions';
import { Button } from '../../components/Button';
import { TextAreaField, TextField } from '../../components/FormField';
import { QueryErrorPanel } from '../../components/QueryErrorPanel';
import { SkeletonBlock } from '../../components/Skeleton';
import { StatePanel } from '../../components/StatePanel';
import { formatCount, formatDuration } from '../../lib/format';
import { playlistsQueryOptions, useCreatePlaylist } from './api';
import { ErrorMessage } from '../../components/ErrorMessage';

export function PlaylistsPage({ currentUser }: { currentUser: CurrentUser }) {
  const playlists = useQuery(playlistsQueryOptions());
  const builds = mayManagePlaylists(currentUser);

  return (
    <>
      <title>Playlists · Tapeline</title>
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Playlists</h1>
      <p className="mt-1 text-sm text-slate-600">
        {builds
          ? 'Clips of real calls, in order, for trainees to watch back to back.'
          : 'The playlists assigned to you.'}
      </p>
      <div className="mt-6 grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <section aria-label="Your playlists">
          {playlists.isPending ? (
            <div className="space-y-3">
              <SkeletonBlock className="h-20" />
              <SkeletonBlock className="h-20" />
            </div>
          ) : playlists.isError ? (
            <QueryErrorPanel title="We couldn’t load the playlists" query={playlists} />
          ) : playlists.data.length === 0 ? (
            <StatePanel icon="empty" title="No playlists yet">
              {builds
                ? 'Create one here, or add a clip from a recording’s review page.'
                : 'Playlists appear here once a trainer assigns one to you.'}
            </StatePanel>
          ) : (
            <ul className="space-y-3">
              {playlists.data.map((playlist) => (
                <li key={playlist.id} className="rounded-xl border border-slate-200 bg-white p-4 shadow-xs">
                  <div className="flex flex-wrap items-baseline justify-between gap-2">
                    <Link
                      to={`/playlists/${encodeURIComponent(playlist.id)}`}
                      className="text-base font-semibold text-slate-900 hover:underline"
                    >
                      {playlist.title}
                    </Link>
                    <span className="text-sm text-slate-600">
                      {formatCount(playlist.itemCount, 'clip')} · {formatDuration(playlist.totalSeconds)}
                    </span>
                  </div>
                  {playlist.description && (
                    <p className="mt-1 line-clamp-2 text-sm text-slate-700">{playlist.description}</p>
                  )}
                  <p className="mt-1 text-xs text-slate-500">
                    By {playlist.owner.first_name} {playlist.owner.last_name}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </section>
        {builds && <NewPlaylistForm />}
      </div>
    </>
  );
}

function NewPlaylistForm() {
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const create = useCreatePlaylist();
  const navigate = useNavigate();

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate(
      { title, description },
      { onSuccess: (playlist) => void navigate(`/playlists/${encodeURIComponent(playlist.id)}`) },
    );
  }

  return (
    <form
      onSubmit={submit}
      aria-labelledby="new-playlist-title"
      className="space-y-4 rounded-xl border border-slate-200 bg-white p-5 shadow-xs"
    >
      <h2 id="new-playlist-title" className="text-base font-semibold text-slate-900">
        New playlist
      </h2>
      <TextField
        label="Title"
        required
        maxLength={200}
        value={title}
        onChange={(event) => setTitle(event.target.value)}
      />
      <TextAreaField
        label="Description"
        maxLength={4000}
        value={description}
        onChange={(event) => setDescription(event.target.value)}
      />
      <ErrorMessage error={create.error} />
      <Button type="submit" pending={create.isPending}>
        Create playlist
      </Button>
    </form>
  );
}
