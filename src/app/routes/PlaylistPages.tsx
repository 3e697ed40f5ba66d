// The playlists' pages, loaded on first visit. The play page gets the review feature's video.js player
// from here, since features never import each other.
import { lazy } from 'react';
import { useSession } from '../../features/auth/session';
import { PlaylistPage } from '../../features/playlists/PlaylistPage';
import { PlaylistPlayPage } from '../../features/playlists/PlaylistPlayPage';
import { PlaylistsPage } from '../../features/playlists/PlaylistsPage';

const VideoPlayer = lazy(() => import('../../features/review/VideoPlayer'));

export function PlaylistsRoute() {
  const { user } = useSession();
  return <PlaylistsPage currentUser={user} />;
}

export function PlaylistRoute() {
  const { user } = useSession();
  return <PlaylistPage currentUser={user} />;
}

export function PlaylistPlayRoute() {
  return <PlaylistPlayPage Player={VideoPlayer} />;
}
