// What the trainee actually played of a clip, from the player's time updates: continuous playback
// extends a range; a jump (a seek, skipping ahead) starts a new one, so skipped time never counts.

/** A step longer than this between two time updates is a jump, not playback (updates come ~4× a second). */
const MAX_PLAYED_STEP_SECONDS = 1.5;

export class PlayedRangeTracker {
  private last: number | null = null;
  private segmentStart: number | null = null;
  private pending: [number, number][] = [];

  /** A time update while playing. */
  observe(seconds: number): void {
    const last = this.last;
    if (
      last !== null &&
      this.segmentStart !== null &&
      seconds >= last &&
      seconds - last <= MAX_PLAYED_STEP_SECONDS
    ) {
      this.last = seconds;
      return;
    }
    this.closeSegment();
    this.segmentStart = seconds;
    this.last = seconds;
  }

  /** Playback stopped or jumped elsewhere (pause, seek, another clip): the next update starts afresh. */
  interrupt(): void {
    this.closeSegment();
    this.segmentStart = null;
    this.last = null;
  }

  /** The ranges played since the last call, ready to report; playback in progress continues from here. */
  take(): [number, number][] {
    this.closeSegment();
    if (this.last !== null) this.segmentStart = this.last;
    const taken = this.pending;
    this.pending = [];
    return taken;
  }

  /** Ranges that could not be reported: sent again with the next ones. */
  putBack(ranges: readonly [number, number][]): void {
    this.pending.unshift(...ranges);
  }

  private closeSegment() {
    if (this.segmentStart !== null && this.last !== null && this.last > this.segmentStart)
      this.pending.push([this.segmentStart, this.last]);
    this.segmentStart = null;
  }
}
