import { describe, expect, it } from 'vitest';
import { isWatched, mergeRanges } from '../../../contract/playlists';
import { PlayedRangeTracker } from './played-ranges';

const play = (tracker: PlayedRangeTracker, from: number, to: number) => {
  for (let t = from; t <= to + 1e-9; t += 0.25) tracker.observe(Math.round(t * 100) / 100);
};

describe('PlayedRangeTracker', () => {
  it('counts continuous playback and leaves out what was skipped', () => {
    const tracker = new PlayedRangeTracker();
    play(tracker, 0, 2);
    tracker.observe(8); // the trainee skipped ahead
    play(tracker, 8, 10);
    expect(tracker.take()).toEqual([
      [0, 2],
      [8, 10],
    ]);
    const merged = mergeRanges(
      [
        [0, 2],
        [8, 10],
      ],
      0,
      10,
    );
    expect(isWatched(merged, 0, 10)).toBe(false);
  });

  it('reports in pieces while playing, which merge back into one range', () => {
    const tracker = new PlayedRangeTracker();
    play(tracker, 0, 3);
    const first = tracker.take();
    play(tracker, 3.25, 9.5);
    const second = tracker.take();
    expect(mergeRanges([...first, ...second], 0, 10)).toEqual([[0, 9.5]]);
    expect(isWatched(mergeRanges([...first, ...second], 0, 10), 0, 10)).toBe(true);
  });

  it('a pause or a seek back starts a new range', () => {
    const tracker = new PlayedRangeTracker();
    play(tracker, 4, 5);
    tracker.interrupt();
    play(tracker, 1, 2);
    expect(tracker.take()).toEqual([
      [4, 5],
      [1, 2],
    ]);
    expect(tracker.take()).toEqual([]);
  });
});
