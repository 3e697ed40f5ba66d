// Background jobs (sweeps, the webhook worker, retention): every module hands its jobs to the app, which
// starts them when it is ready and stops them when it closes — in one place, the same for every job.
import type { Log } from './log';

export interface BackgroundJob {
  name: string;
  start(): void;
  /** Stops it; resolves once work in flight has ended. */
  stop(): Promise<void>;
}

/**
 * Runs `run` every `intervalSeconds` (and once at start with `atStart`), never two runs at once in this
 * process; failures are logged and the next tick tries again. Jobs that must not run twice across instances coordinate in the database.
 */
export function intervalJob(
  name: string,
  intervalSeconds: number,
  run: () => Promise<unknown>,
  log: Log,
  { atStart = false }: { atStart?: boolean } = {},
): BackgroundJob {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  const tick = () => {
    running ??= run()
      .then(() => undefined)
      .catch((error: unknown) => log.warn({ err: error, job: name }, `${name} failed`))
      .finally(() => (running = null));
  };
  return {
    name,
    start() {
      if (timer) return;
      timer = setInterval(tick, intervalSeconds * 1000);
      timer.unref();
      if (atStart) tick();
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}

/** Starts every job; the returned function stops them all. */
export function startJobs(jobs: readonly BackgroundJob[]): () => Promise<void> {
  for (const job of jobs) job.start();
  return async () => {
    await Promise.all(jobs.map((job) => job.stop()));
  };
}
