// Keeps a signed recording URL playable for as long as a review lasts: swaps in a fresh URL before the
// old one expires, and after a media network error, restoring position, paused state and speed.
// Framework-free (clock, timers, fetch and player are injected) so the timing can be tested exactly.
//
// The pains this avoids: one refresh per error storm, never two in parallel (videojs/video.js#5277);
// the position survives the `src()` change because it is restored once the new metadata has loaded
// (videojs/video.js#7232); a page left open for hours keeps working (opencloud-eu/web#3282).

/** When a signed URL stops working, in epoch milliseconds; null when the URL does not say. */
export function parseUrlExpiry(url: string): number | null {
  let params: URLSearchParams;
  try {
    params = new URL(url).searchParams;
  } catch {
    return null;
  }
  // Query parameter names are matched case-insensitively: signers differ in how they spell them.
  const lower = new Map<string, string>();
  for (const [name, value] of params) lower.set(name.toLowerCase(), value);

  // Tapeline's own media URLs: `exp` in unix seconds.
  const exp = unixSeconds(lower.get('exp'));
  if (exp !== null) return exp;

  // S3 SigV4 (and GCS V4): signed at `X-Amz-Date`, valid for `X-Amz-Expires` seconds.
  for (const vendor of ['amz', 'goog']) {
    const signedAt = basicIsoDate(lower.get(`x-${vendor}-date`));
    const lifetime = unixSeconds(lower.get(`x-${vendor}-expires`));
    if (signedAt !== null && lifetime !== null) return signedAt + lifetime;
  }

  // S3 classic (SigV2) and CloudFront: `Expires` in unix seconds.
  return unixSeconds(lower.get('expires'));
}

function unixSeconds(value: string | undefined): number | null {
  if (value === undefined || !/^\d{1,12}$/.test(value)) return null;
  return Number(value) * 1000;
}

/** `20260130T101500Z` → epoch ms. */
function basicIsoDate(value: string | undefined): number | null {
  const match = value ? /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value) : null;
  if (!match) return null;
  const [, year, month, day, hours, minutes, seconds] = match.map(Number) as number[];
  const ms = Date.UTC(year!, month! - 1, day!, hours!, minutes!, seconds!);
  return Number.isNaN(ms) ? null : ms;
}

export interface RefreshTiming {
  /** Refresh this long before expiry when the URL lives long enough. */
  leadMs: number;
  /** For short-lived URLs: refresh after this fraction of the lifetime instead. */
  shortLifetimeFraction: number;
}

export const defaultRefreshTiming: RefreshTiming = { leadMs: 30_000, shortLifetimeFraction: 0.8 };

/**
 * How long from `now` until a URL issued at `issuedAt` and expiring at `expiresAt` should be replaced.
 * 30 s ahead of expiry for long lifetimes; at 80 % of the lifetime when 30 s would be most of it.
 */
export function refreshDelayMs(
  expiresAt: number,
  issuedAt: number,
  now: number,
  { leadMs, shortLifetimeFraction }: RefreshTiming = defaultRefreshTiming,
): number {
  const lifetime = Math.max(0, expiresAt - issuedAt);
  const refreshAt =
    lifetime * (1 - shortLifetimeFraction) >= leadMs
      ? expiresAt - leadMs
      : issuedAt + lifetime * shortLifetimeFraction;
  // Timers fire at once past 2^31 − 1 ms (24.8 days): a URL valid for longer is refreshed early instead.
  return Math.min(MAX_TIMER_DELAY_MS, Math.max(0, refreshAt - now));
}

const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;

export interface PlaybackState {
  time: number;
  paused: boolean;
  rate: number;
}

/** What the controller needs from the player. */
export interface RefreshablePlayer {
  playbackState(): PlaybackState;
  /** Resolves once the new source's metadata has loaded; rejects when it fails to load. */
  loadSource(url: string): Promise<void>;
  restorePlaybackState(state: PlaybackState): void;
  /** Hides the player's own error display: a refresh is not an error the reviewer needs to see. */
  clearError(): void;
}

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

export type RefreshStatus =
  | { state: 'playing-source' }
  | { state: 'refreshing'; attempt: number }
  | { state: 'failed'; reason: string };

export interface SourceRefreshOptions {
  player: RefreshablePlayer;
  /** Asks the API again for the same recording and returns its (fresh) signed URL. */
  fetchFreshUrl: () => Promise<string>;
  now?: () => number;
  timers?: Timers;
  onStatus?: (status: RefreshStatus) => void;
  timing?: RefreshTiming;
  /** Waits before the 2nd, 3rd … attempt; the attempts are one more than the delays. */
  retryDelaysMs?: readonly number[];
  /** A load that neither succeeds nor fails within this long counts as failed. */
  loadTimeoutMs?: number;
  /** An error this soon after a successful refresh continues the attempt count instead of restarting it. */
  healthyAfterMs?: number;
}

/** Media error codes worth a fresh URL: network (2), and source not usable (4) — a 403 in Chromium. */
export const REFRESHABLE_MEDIA_ERRORS: ReadonlySet<number> = new Set([2, 4]);

const defaultTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (id) => globalThis.clearTimeout(id as ReturnType<typeof setTimeout>),
};

export class SourceRefreshController {
  private readonly player: RefreshablePlayer;
  private readonly fetchFreshUrl: () => Promise<string>;
  private readonly now: () => number;
  private readonly timers: Timers;
  private readonly onStatus: (status: RefreshStatus) => void;
  private readonly timing: RefreshTiming;
  private readonly retryDelaysMs: readonly number[];
  private readonly loadTimeoutMs: number;
  private readonly healthyAfterMs: number;

  private scheduled: unknown = null;
  private refreshing = false;
  private failed = false;
  private disposed = false;
  private attemptsUsed = 0;
  private lastSuccessAt = -Infinity;
  /** The state to come back to: taken when the source is swapped, updated by what the user asks for meanwhile. */
  private remembered: PlaybackState | null = null;

  constructor(options: SourceRefreshOptions) {
    this.player = options.player;
    this.fetchFreshUrl = options.fetchFreshUrl;
    this.now = options.now ?? Date.now;
    this.timers = options.timers ?? defaultTimers;
    this.onStatus = options.onStatus ?? (() => {});
    this.timing = options.timing ?? defaultRefreshTiming;
    this.retryDelaysMs = options.retryDelaysMs ?? [1000, 2000, 4000];
    this.loadTimeoutMs = options.loadTimeoutMs ?? 15_000;
    this.healthyAfterMs = options.healthyAfterMs ?? 10_000;
  }

  get isRefreshing(): boolean {
    return this.refreshing;
  }

  /** While refreshing: the state playback will come back to (the player itself is reloading). */
  get rememberedState(): PlaybackState | null {
    return this.refreshing ? this.remembered : null;
  }

  /** The player is playing `url` (issued at `issuedAt`, epoch ms): plan its replacement. */
  start(url: string, issuedAt: number = this.now()): void {
    this.schedule(url, issuedAt);
  }

  /** A media error from the player (MediaError code). */
  handleMediaError(code: number | undefined): void {
    if (this.disposed) return;
    if (this.refreshing) {
      // The running refresh sees its own failure through loadSource(); a storm of errors is one event.
      this.player.clearError();
      return;
    }
    if (this.failed) return;
    if (code === undefined || !REFRESHABLE_MEDIA_ERRORS.has(code)) {
      this.fail('The recording cannot be played in this browser.');
      return;
    }
    this.player.clearError();
    // Errors right after a refresh that "worked" would otherwise loop forever.
    if (this.now() - this.lastSuccessAt >= this.healthyAfterMs) this.attemptsUsed = 0;
    void this.refresh();
  }

  /** What the user asked for while a refresh is running wins over the state remembered before it. */
  noteIntent(intent: Partial<PlaybackState>): void {
    if (this.refreshing && this.remembered) this.remembered = { ...this.remembered, ...intent };
  }

  /** After a reported failure: try again from the first attempt. */
  retry(): void {
    if (this.disposed || this.refreshing) return;
    this.failed = false;
    this.attemptsUsed = 0;
    void this.refresh();
  }

  dispose(): void {
    this.disposed = true;
    this.cancelSchedule();
  }

  private schedule(url: string, issuedAt: number): void {
    this.cancelSchedule();
    const expiresAt = parseUrlExpiry(url);
    if (expiresAt === null) return;
    const delay = refreshDelayMs(expiresAt, issuedAt, this.now(), this.timing);
    this.scheduled = this.timers.setTimeout(() => {
      this.scheduled = null;
      if (this.refreshing || this.failed || this.disposed) return;
      this.attemptsUsed = 0;
      void this.refresh();
    }, delay);
  }

  private cancelSchedule(): void {
    if (this.scheduled !== null) this.timers.clearTimeout(this.scheduled);
    this.scheduled = null;
  }

  private async refresh(): Promise<void> {
    this.refreshing = true;
    this.cancelSchedule();
    const maxAttempts = this.retryDelaysMs.length + 1;
    let lastError = 'The recording could not be loaded.';

    while (this.attemptsUsed < maxAttempts) {
      if (this.attemptsUsed > 0) {
        await this.wait(this.retryDelaysMs[this.attemptsUsed - 1] ?? 0);
        if (this.disposed) return;
      }
      this.attemptsUsed += 1;
      this.onStatus({ state: 'refreshing', attempt: this.attemptsUsed });
      try {
        const url = await this.fetchFreshUrl();
        const issuedAt = this.now();
        if (this.disposed) return;
        // The old source plays on while the fresh URL is fetched, and the user's keys act on it: the state
        // to come back to is the one at the swap. After a failed attempt the player sits at 0 with
        // nothing loaded, so what was remembered before it stays.
        this.remembered ??= this.player.playbackState();
        await this.withTimeout(this.player.loadSource(url));
        if (this.disposed) return;
        this.player.clearError();
        this.player.restorePlaybackState(this.remembered ?? this.player.playbackState());
        this.refreshing = false;
        this.remembered = null;
        this.lastSuccessAt = this.now();
        this.onStatus({ state: 'playing-source' });
        this.schedule(url, issuedAt);
        return;
      } catch (error) {
        if (this.disposed) return;
        this.player.clearError();
        lastError = error instanceof Error && error.message ? error.message : lastError;
      }
    }
    this.refreshing = false;
    this.fail(lastError);
  }

  private fail(reason: string): void {
    this.failed = true;
    this.cancelSchedule();
    this.onStatus({ state: 'failed', reason });
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => this.timers.setTimeout(resolve, ms));
  }

  private withTimeout(loading: Promise<void>): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = this.timers.setTimeout(
        () => reject(new Error('The recording took too long to load.')),
        this.loadTimeoutMs,
      );
      loading.then(
        () => {
          this.timers.clearTimeout(timer);
          resolve();
        },
        (error: unknown) => {
          this.timers.clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }
}
