// Playlists as the API answers them, for the playlists' component tests.
import type { CurrentUser } from '../../contract/auth';
import type { Playlist, PlaylistItem } from '../../contract/playlists';

export const dana = { id: '5', first_name: 'Dana', last_name: 'Whitfield' };
export const tess = { id: '3', first_name: 'Tess', last_name: 'Rainer' };

export const trainer: CurrentUser = {
  id: '3',
  username: 'trainer',
  first_name: 'Tess',
  last_name: 'Rainer',
  role: 'trainer',
  teams: [
    { id: '1', name: 'Video Support' },
    { id: '2', name: 'Onboarding' },
  ],
};

/** Dana, the agent, as the session has her. */
export { dana as agent } from './qa-data';

/** Signed media URLs expire; an hour is longer than any test. */
const EXPIRES = Math.floor(Date.now() / 1000) + 3600;

export function clip(overrides: Partial<PlaylistItem> & { id: string }): PlaylistItem {
  return {
    activityId: '5000001',
    startSeconds: 0,
    endSeconds: 10,
    note: '',
    available: true,
    recordingUrl: `http://localhost/media/rec-${overrides.activityId ?? '5000001'}.webm?exp=${EXPIRES}&sig=x`,
    container: 'webm',
    agent: dana,
    recordedAt: '2026-11-20T10:00:00Z',
    progress: { itemId: overrides.id, playedRanges: [], watchedSeconds: 0, watched: false },
    ...overrides,
  };
}

export function playlistOf(items: PlaylistItem[], overrides: Partial<Playlist> = {}): Playlist {
  return {
    id: '42',
    title: 'Refunds, calmly',
    description: 'Three calls that went well.',
    owner: tess,
    items,
    totalSeconds: items
      .filter((item) => item.available)
      .reduce((sum, item) => sum + item.endSeconds - item.startSeconds, 0),
    updatedAt: '2026-11-25T09:00:00Z',
    ...overrides,
  };
}
