// Runs at most `concurrency` jobs at once and lets at most `maxWaiting` wait; beyond that it refuses at
// once, so a flood cannot pile up work (or memory) behind the jobs in flight.
export class QueueFullError extends Error {
  constructor() {
    super('The work queue is full.');
    this.name = 'QueueFullError';
  }
}

export interface WorkQueue {
  run<T>(job: () => Promise<T>): Promise<T>;
  /** Jobs running and waiting now. */
  readonly load: { running: number; waiting: number };
}

export function workQueue({
  concurrency,
  maxWaiting,
}: {
  concurrency: number;
  maxWaiting: number;
}): WorkQueue {
  let running = 0;
  const waiting: (() => void)[] = [];

  const release = () => {
    running -= 1;
    const next = waiting.shift();
    if (next) {
      running += 1;
      next();
    }
  };

  return {
    async run(job) {
      if (running >= concurrency) {
        if (waiting.length >= maxWaiting) throw new QueueFullError();
        await new Promise<void>((resolve) => waiting.push(resolve));
      } else {
        running += 1;
      }
      try {
        return await job();
      } finally {
        release();
      }
    },
    get load() {
      return { running, waiting: waiting.length };
    },
  };
}
