import { describe, expect, it } from 'vitest';
import { isWatched, mergeRanges } from '../../../contract/playlists';
import { PlayedRangeTracker } from './played-ranges';

/** Plays `from`…`to` at `rate`, with a time update every `every` seconds of wall clock. */
let clock = 0;
const play = (tracker: PlayedRangeTracker, from: number, to: number, { rate = 1, every = 0.25 } = {}) => {
  for (let t = from; t <= to + 1e-9; t += every * rate) {
    tracker.observe(Math.round(t * 100) / 100, clock, rate);
    clock += every * 1000;
  }
};

describe('PlayedRangeTracker', () => {
  it('counts continuous playback and leaves out what was skipped', () => {
    const tracker = new PlayedRangeTracker();
    play(tracker, 0, 2);
    tracker.observe(8, clock, 1); // the trainee skipped ahead
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

  it('counts late time updates at a high rate as playback, since the clock moved as far', () => {
    const tracker = new PlayedRangeTracker();
    play(tracker, 0, 10, { rate: 2, every: 1.2 });
    expect(tracker.take()).toEqual([[0, 9.6]]);
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
