// The player's play report: once a player session, at its first play, and never in playback's way.
import { act, renderHook } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { apiPost } from '../../lib/api-client';
import { server } from '../../test/server';
import { usePlayReported } from './api';
import type { PlayerEvent, PlayerHandle } from './player-handle';

vi.mock('../../lib/api-client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../lib/api-client')>();
  return { ...actual, apiPost: vi.fn(actual.apiPost) };
});

/** What the hook sees of video.js: a player that plays and pauses when told. */
function fakePlayer({ playing = false } = {}) {
  const listeners = new Map<PlayerEvent, Set<() => void>>();
  let paused = !playing;
  const emit = (event: PlayerEvent) => listeners.get(event)?.forEach((listener) => listener());
  const player: Pick<PlayerHandle, 'on' | 'paused'> & { play(): void; pause(): void } = {
    paused: () => paused,
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set.add(listener));
      return () => set.delete(listener);
    },
    play() {
      paused = false;
      act(() => emit('play'));
    },
    pause() {
      paused = true;
      act(() => emit('pause'));
    },
  };
  return player;
}

const reports = () =>
  vi
    .mocked(apiPost)
    .mock.calls.filter(([path]) => path.endsWith('/plays'))
    .map(([path, body]) => ({ path, body }));

describe('usePlayReported', () => {
  beforeEach(() => {
    vi.mocked(apiPost).mockClear();
    server.use(http.post('/api/activities/:id/plays', () => new HttpResponse(null, { status: 204 })));
  });

  it('reports the session at its first play, and only then', () => {
    const player = fakePlayer();
    const { rerender } = renderHook(() => usePlayReported(player, '102', '102-0123456789abcdef01234567'));
    expect(reports()).toEqual([]);

    player.play();
    expect(reports()).toEqual([
      { path: '/api/activities/102/plays', body: { playSession: '102-0123456789abcdef01234567' } },
    ]);

    player.pause();
    player.play();
    rerender();
    player.play();
    expect(reports()).toHaveLength(1);
  });

  it('reports at once a player that is already playing when it is handed over', () => {
    renderHook(() => usePlayReported(fakePlayer({ playing: true }), '7', '7-session-id'));
    expect(reports()).toEqual([{ path: '/api/activities/7/plays', body: { playSession: '7-session-id' } }]);
  });

  it('reports nothing for a recording without an id, or before the player is ready', () => {
    const player = fakePlayer();
    renderHook(() => usePlayReported(player, null, 'r-session-id'));
    renderHook(() => usePlayReported(null, '7', '7-session-id'));
    player.play();
    expect(reports()).toEqual([]);
  });

  it('lets the player play on when the trail cannot be told', () => {
    vi.mocked(apiPost).mockImplementationOnce(() => Promise.reject(new Error('Failed to fetch')));
    const player = fakePlayer();
    renderHook(() => usePlayReported(player, '102', '102-session-id'));
    player.play();
    // The failed report is caught (an unhandled rejection would fail the run), and playback goes on.
    expect(reports()).toHaveLength(1);
    expect(player.paused()).toBe(false);
  });
});
