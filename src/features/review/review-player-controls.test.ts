import { describe, expect, it, vi } from 'vitest';
import type { PlayerHandle } from './player-handle';
import { createReviewPlayerControls, type SourceSwap } from './review-player-controls';
import type { PlaybackState } from '../../lib/source-refresh';

/** A handle whose element is mid-swap: the new source reports its start, paused, with no duration yet. */
function swappingHandle() {
  const listeners = new Map<string, () => void>();
  const handle = {
    currentTime: () => 0,
    paused: () => true,
    duration: () => NaN,
    play: vi.fn(),
    pause: vi.fn(),
    seek: vi.fn(),
    on: (event: string, listener: () => void) => {
      listeners.set(event, listener);
      return () => listeners.delete(event);
    },
    progressControl: () => null,
  } as unknown as PlayerHandle;
  return { handle, emit: (event: string) => listeners.get(event)?.() };
}

function swap(state: PlaybackState | null) {
  let pending = state;
  const noted: Partial<PlaybackState>[] = [];
  const source: SourceSwap = {
    pending: () => pending,
    noteIntent: (intent) => {
      noted.push(intent);
      if (pending) pending = { ...pending, ...intent };
    },
  };
  return { source, noted, end: () => (pending = null) };
}

describe('review player controls during a source swap', () => {
  it('report the position and play state the swap comes back to, not the reloading element', () => {
    const { handle, emit } = swappingHandle();
    const { source } = swap({ time: 83.4, paused: false, rate: 1 });
    const { controls } = createReviewPlayerControls(handle, 272, source);
    const heard: number[] = [];
    controls.onTimeUpdate((seconds) => heard.push(seconds));
    emit('timeupdate');

    expect(controls.currentTime()).toBe(83.4);
    expect(controls.paused()).toBe(false);
    expect(heard).toEqual([83.4]);
  });

  it('send what the user asks for meanwhile to the swap, clamped to the known length', () => {
    const { handle } = swappingHandle();
    const { source, noted } = swap({ time: 83.4, paused: false, rate: 1 });
    const { controls } = createReviewPlayerControls(handle, 272, source);

    controls.pause();
    controls.seek(controls.currentTime() + 500);

    expect(noted).toEqual([{ paused: true }, { time: 272 }]);
    expect(controls.paused()).toBe(true);
    expect(controls.currentTime()).toBe(272);
  });

  it('read the element itself when no swap runs', () => {
    const { handle } = swappingHandle();
    const { source, end } = swap(null);
    end();
    const { controls } = createReviewPlayerControls(handle, 272, source);
    expect(controls.currentTime()).toBe(0);
    expect(controls.paused()).toBe(true);
  });
});
