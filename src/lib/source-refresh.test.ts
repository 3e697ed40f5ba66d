import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  SourceRefreshController,
  parseUrlExpiry,
  refreshDelayMs,
  type PlaybackState,
  type RefreshStatus,
  type RefreshablePlayer,
} from './source-refresh';

const T0 = Date.UTC(2026, 0, 30, 10, 0, 0);
const unix = (ms: number) => Math.floor(ms / 1000);
const mediaUrl = (expMs: number, n = 0) =>
  `https://tapeline.example/media/rec/${'a'}.webm?exp=${unix(expMs)}&sig=sig${n}`;

describe('parseUrlExpiry', () => {
  it("reads Tapeline's exp (unix seconds)", () => {
    expect(parseUrlExpiry('https://t.example/media/k.webm?exp=1769767200&sig=abc')).toBe(1769767200_000);
  });

  it('reads S3 SigV4: X-Amz-Date plus X-Amz-Expires', () => {
    const url =
      'https://bucket.s3.eu-west-1.amazonaws.com/k.mp4?X-Amz-Algorithm=AWS4-HMAC-SHA256' +
      '&X-Amz-Date=20260130T100000Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host&X-Amz-Signature=f00';
    expect(parseUrlExpiry(url)).toBe(T0 + 900_000);
  });

  it('reads S3 classic Expires (unix seconds), whatever the case of the name', () => {
    expect(
      parseUrlExpiry('https://b.s3.amazonaws.com/k.mp4?AWSAccessKeyId=x&Expires=1769767200&Signature=y'),
    ).toBe(1769767200_000);
    expect(parseUrlExpiry('https://b.example/k.mp4?expires=1769767200')).toBe(1769767200_000);
  });

  it('returns null for URLs that carry no expiry, or nonsense', () => {
    expect(parseUrlExpiry('https://b.s3.amazonaws.com/k.mp4')).toBeNull();
    expect(parseUrlExpiry('https://t.example/k.mp4?exp=soon')).toBeNull();
    expect(parseUrlExpiry('https://t.example/k.mp4?X-Amz-Date=yesterday&X-Amz-Expires=900')).toBeNull();
    expect(parseUrlExpiry('not a url')).toBeNull();
  });
});

describe('refreshDelayMs', () => {
  it('refreshes 30 s before expiry for long lifetimes', () => {
    expect(refreshDelayMs(T0 + 3600_000, T0, T0)).toBe(3600_000 - 30_000);
  });

  it('refreshes at 80 % of the lifetime for short ones', () => {
    expect(refreshDelayMs(T0 + 5_000, T0, T0)).toBe(4_000);
    expect(refreshDelayMs(T0 + 60_000, T0, T0 + 10_000)).toBe(38_000);
  });

  it('waits no longer than a timer can, for URLs valid for months', () => {
    expect(refreshDelayMs(T0 + 90 * 86_400_000, T0, T0)).toBe(2 ** 31 - 1);
  });

  it('refreshes at once when the URL is already (nearly) expired', () => {
    expect(refreshDelayMs(T0 + 5_000, T0 - 60_000, T0 + 10_000)).toBe(0);
  });
});

/** A player that behaves like a media element: loading a source resets position, pause and speed. */
class FakePlayer implements RefreshablePlayer {
  state: PlaybackState = { time: 0, paused: true, rate: 1 };
  source = '';
  loads: string[] = [];
  errorsCleared = 0;
  private pending: { resolve: () => void; reject: (error: Error) => void } | null = null;

  playbackState(): PlaybackState {
    return { ...this.state };
  }
  loadSource(url: string): Promise<void> {
    this.loads.push(url);
    this.source = url;
    this.state = { time: 0, paused: true, rate: 1 };
    return new Promise((resolve, reject) => (this.pending = { resolve, reject }));
  }
  restorePlaybackState(state: PlaybackState): void {
    this.state = { ...state };
  }
  clearError(): void {
    this.errorsCleared += 1;
  }
  finishLoad(): void {
    this.pending?.resolve();
    this.pending = null;
  }
  failLoad(): void {
    this.pending?.reject(new Error('MEDIA_ERR_SRC_NOT_SUPPORTED'));
    this.pending = null;
  }
  get loading(): boolean {
    return this.pending !== null;
  }
}

function setup(options: { fetchFreshUrl?: () => Promise<string> } = {}) {
  const player = new FakePlayer();
  const statuses: RefreshStatus[] = [];
  let issued = 0;
  const fetchFreshUrl = vi.fn(
    options.fetchFreshUrl ?? (async () => mediaUrl(Date.now() + 3600_000, ++issued)),
  );
  const controller = new SourceRefreshController({
    player,
    fetchFreshUrl,
    now: () => Date.now(),
    timers: {
      setTimeout: (callback, ms) => setTimeout(callback, ms),
      clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
    },
    onStatus: (status) => statuses.push(status),
  });
  return { player, controller, fetchFreshUrl, statuses, last: () => statuses.at(-1) };
}

/** Lets the fetch promise and the controller's continuations run. */
const settle = () => vi.advanceTimersByTimeAsync(0);

describe('SourceRefreshController', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => vi.useRealTimers());

  it('swaps in a fresh URL 30 s before the old one expires, and restores position, pause and speed', async () => {
    const { player, controller, fetchFreshUrl, last } = setup();
    const first = mediaUrl(T0 + 3600_000);
    player.source = first;
    player.state = { time: 754.2, paused: false, rate: 1.5 };
    controller.start(first, T0);

    await vi.advanceTimersByTimeAsync(3600_000 - 30_001);
    expect(fetchFreshUrl).not.toHaveBeenCalled();

    await vi.advanceTimersByTimeAsync(1);
    expect(fetchFreshUrl).toHaveBeenCalledTimes(1);
    expect(player.loads).toHaveLength(1);
    expect(player.source).not.toBe(first);
    expect(last()).toEqual({ state: 'refreshing', attempt: 1 });

    player.finishLoad();
    await settle();
    expect(player.state).toEqual({ time: 754.2, paused: false, rate: 1.5 });
    expect(last()).toEqual({ state: 'playing-source' });
  });

  it('keeps a paused player paused at its position, and plans the next refresh from the new URL', async () => {
    const { player, controller, fetchFreshUrl } = setup({
      fetchFreshUrl: async () => mediaUrl(Date.now() + 5_000),
    });
    player.state = { time: 12.5, paused: true, rate: 0.75 };
    controller.start(mediaUrl(T0 + 5_000), T0);

    await vi.advanceTimersByTimeAsync(4_000);
    player.finishLoad();
    await settle();
    expect(player.state).toEqual({ time: 12.5, paused: true, rate: 0.75 });

    await vi.advanceTimersByTimeAsync(4_000);
    expect(fetchFreshUrl).toHaveBeenCalledTimes(2);
  });

  it('refreshes on a media network error, and errors during the refresh start no second one', async () => {
    const { player, controller, fetchFreshUrl } = setup();
    player.state = { time: 300, paused: false, rate: 1 };

    controller.handleMediaError(4);
    controller.handleMediaError(4);
    controller.handleMediaError(2);
    await settle();
    controller.handleMediaError(2);
    await settle();

    expect(fetchFreshUrl).toHaveBeenCalledTimes(1);
    expect(player.loads).toHaveLength(1);
    expect(player.errorsCleared).toBeGreaterThanOrEqual(4);

    player.finishLoad();
    await settle();
    expect(player.state.time).toBe(300);
  });

  it('what the user asks for during a refresh wins over the remembered state', async () => {
    const { player, controller } = setup();
    player.state = { time: 40, paused: false, rate: 1 };
    controller.handleMediaError(2);
    await settle();

    controller.noteIntent({ paused: true });
    player.finishLoad();
    await settle();

    expect(player.state).toEqual({ time: 40, paused: true, rate: 1 });
  });

  it('comes back to where the old source was when it was swapped, not where the refresh began', async () => {
    let answer: (url: string) => void = () => {};
    const { player, controller } = setup({
      fetchFreshUrl: () => new Promise<string>((resolve) => (answer = resolve)),
    });
    const first = mediaUrl(T0 + 3600_000);
    player.source = first;
    player.state = { time: 100, paused: false, rate: 1 };
    controller.start(first, T0);
    await vi.advanceTimersByTimeAsync(3600_000 - 30_000);
    expect(player.loads).toEqual([]);

    // A slow fetch: the old source plays on to 101.5 s, and the reviewer pauses it there.
    player.state = { time: 101.5, paused: true, rate: 1 };
    answer(mediaUrl(Date.now() + 3600_000, 1));
    await settle();
    player.finishLoad();
    await settle();

    expect(player.state).toEqual({ time: 101.5, paused: true, rate: 1 });
  });

  it('backs off 1 s, 2 s, 4 s between failed attempts, then reports the failure', async () => {
    const { player, controller, last } = setup();
    player.state = { time: 90, paused: false, rate: 2 };
    controller.handleMediaError(4);
    await settle();

    player.failLoad();
    await settle();
    expect(player.loads).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(999);
    expect(player.loads).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(player.loads).toHaveLength(2);

    player.failLoad();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(player.loads).toHaveLength(3);

    player.failLoad();
    await vi.advanceTimersByTimeAsync(4_000);
    expect(player.loads).toHaveLength(4);
    expect(last()).toEqual({ state: 'refreshing', attempt: 4 });

    player.failLoad();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(player.loads).toHaveLength(4);
    expect(last()).toMatchObject({ state: 'failed' });

    // Further errors after giving up do not start another round by themselves.
    controller.handleMediaError(4);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(player.loads).toHaveLength(4);
  });

  it('counts a fetch that fails, and a load that never finishes, as failed attempts', async () => {
    let calls = 0;
    const { player, controller, last } = setup({
      fetchFreshUrl: async () => {
        calls += 1;
        if (calls === 1) throw new Error('Cannot reach the server.');
        return mediaUrl(Date.now() + 3600_000, calls);
      },
    });
    controller.handleMediaError(2);
    await settle();
    expect(player.loads).toHaveLength(0);

    await vi.advanceTimersByTimeAsync(1_000);
    expect(player.loads).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(15_000);
    expect(last()).toEqual({ state: 'refreshing', attempt: 2 });
    await vi.advanceTimersByTimeAsync(2_000);
    expect(last()).toEqual({ state: 'refreshing', attempt: 3 });
  });

  it('after a failure, Retry starts again from the first attempt and can succeed', async () => {
    const { player, controller, last } = setup();
    player.state = { time: 61, paused: true, rate: 1.25 };
    controller.handleMediaError(4);
    for (let attempt = 0; attempt < 4; attempt++) {
      await vi.advanceTimersByTimeAsync(4_000);
      player.failLoad();
    }
    await vi.advanceTimersByTimeAsync(0);
    expect(last()).toMatchObject({ state: 'failed' });

    controller.retry();
    await settle();
    expect(last()).toEqual({ state: 'refreshing', attempt: 1 });
    player.finishLoad();
    await settle();

    expect(last()).toEqual({ state: 'playing-source' });
    expect(player.state).toEqual({ time: 61, paused: true, rate: 1.25 });
  });

  it('does not refresh for errors a new URL cannot fix, and does not loop on errors right after a refresh', async () => {
    const { player, controller, fetchFreshUrl, last } = setup();
    controller.handleMediaError(3);
    expect(fetchFreshUrl).not.toHaveBeenCalled();
    expect(last()).toMatchObject({ state: 'failed' });

    const second = setup();
    for (let round = 0; round < 6; round++) {
      second.controller.handleMediaError(2);
      await vi.advanceTimersByTimeAsync(8_000);
      second.player.finishLoad();
      await settle();
    }
    // Four attempts, each "successful" but followed at once by another error, then it gives up.
    expect(second.player.loads).toHaveLength(4);
    expect(second.last()).toMatchObject({ state: 'failed' });
    expect(player.loads).toHaveLength(0);
  });

  it('stops everything when disposed', async () => {
    const { player, controller, fetchFreshUrl } = setup();
    controller.start(mediaUrl(T0 + 60_000), T0);
    controller.dispose();
    await vi.advanceTimersByTimeAsync(120_000);
    controller.handleMediaError(2);
    await settle();
    expect(fetchFreshUrl).not.toHaveBeenCalled();
    expect(player.loads).toHaveLength(0);
  });
});
