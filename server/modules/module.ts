// The one way a domain module is wired: a function that builds its repo, service, routes and jobs from
// the app's core dependencies. server/modules/index.ts calls each; app.ts and cli.ts use the result.
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config';
import type { Database } from '../db/database';
import type { BackgroundJob } from '../lib/jobs';
import type { Log } from '../lib/log';
import type { MediaStorage } from './media/storage';

/** What every module is built from. */
export interface CoreDeps {
  config: Config;
  db: Database;
  storage: MediaStorage;
  /** Signs media URLs and paging cursors; shared by every instance. */
  signingSecret: string;
  log: Log;
}

export interface TapelineModule {
  /** Registers the module's HTTP routes: under /api, or at the root with `atRoot`. */
  routes?: (app: FastifyInstance) => PromiseLike<unknown>;
  atRoot?: boolean;
  /** Started when the app is ready, stopped when it closes. */
  jobs?: readonly BackgroundJob[];
}
