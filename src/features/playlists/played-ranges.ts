// What the trainee actually played of a clip, from the player's time updates: continuous playback
// extends a range; a jump (a seek, skipping ahead) starts a new one, so skipped time never counts.

/** Slack on top of what the clock allows between two time updates (rounding, a late update). */
const STEP_SLACK_SECONDS = 0.75;

export class PlayedRangeTracker {
  private last: number | null = null;
  private lastAt = 0;
  private segmentStart: number | null = null;
  private pending: [number, number][] = [];

  /**
   * A time update while playing, at wall-clock `nowMs` and playback `rate`: the media may have moved on
   * by as much as the clock allows at that rate (updates come late on a busy machine); more is a jump.
   */
  observe(seconds: number, nowMs: number, rate = 1): void {
    const last = this.last;
    const allowed = ((nowMs - this.lastAt) / 1000) * rate + STEP_SLACK_SECONDS;
    this.lastAt = nowMs;
    if (last !== null && this.segmentStart !== null && seconds >= last && seconds - last <= allowed) {
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
