// Starts Tapeline: reads config, opens the database and storage, seeds the demo, listens, shuts down
// cleanly. With DATABASE_URL it runs WORKERS processes on one port (node:cluster): nothing is kept in
// one process's memory that instances could disagree on. Embedded PGlite is one process's database.
import cluster from 'node:cluster';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app';
import { ConfigError, loadConfig, type Config } from './config';
import {
  DEMO_PASSWORD,
  DEMO_USERS,
  activeDemoApiKey,
  createDemoApiKey,
  isEmpty,
  seedDemo,
} from './demo/seed';
import { openRuntime, type Runtime } from './runtime';

/** Migrates, seeds the demo on an empty database, and returns the lines of the start banner. */
async function prepare(config: Config, runtime: Runtime, workers: number): Promise<string[]> {
  const seeded =
    config.demo && (await isEmpty(runtime.db)) ? await seedDemo(runtime.db, runtime.storage) : null;
  if (seeded) await createDemoApiKey(runtime.db, runtime.signingSecret);
  const demoKey = config.demo ? await activeDemoApiKey(runtime.db, runtime.signingSecret) : null;
  const lines = [
    `Tapeline is running at ${config.publicUrl} (Node.js ${process.version})`,
    config.databaseUrl
      ? `${workers} worker process${workers === 1 ? '' : 'es'} on PostgreSQL (WORKERS)`
      : 'One process on the embedded PGlite database (set DATABASE_URL to run WORKERS processes)',
    `API docs: ${config.publicUrl}/api/docs`,
  ];
  if (config.demo) {
    lines.push(
      `Demo sign-ins (password "${DEMO_PASSWORD}"): ${DEMO_USERS.map((user) => user.username).join(', ')}`,
    );
  }
  if (demoKey) lines.push(`Demo API key (admin): ${demoKey}`);
  return lines;
}

/** Serves HTTP in this process until SIGINT or SIGTERM. */
async function serve(config: Config, runtime: Runtime) {
  const app = await buildApp({
    config,
    ...runtime,
    webRoot: fileURLToPath(new URL('../dist/', import.meta.url)),
  });
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await runtime.db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
}

/** The primary of a cluster: forks the workers, replaces one that dies, stops them all on a signal. */
async function supervise(workers: number, banner: string[]) {
  let stopping = false;
  const fork = () =>
    new Promise<void>((resolve, reject) => {
      const worker = cluster.fork();
      worker.once('listening', () => resolve());
      worker.once('exit', (code, signal) => {
        if (stopping) return;
        reject(new Error(`a worker exited with ${signal ?? code} before listening`));
        console.error(`worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
        void fork().catch(() => undefined);
      });
    });
  await Promise.all(Array.from({ length: workers }, fork));
  const stop = () => {
    stopping = true;
    const exits = Object.values(cluster.workers ?? {}).map(
      (worker) => new Promise((resolve) => (worker!.once('exit', resolve), worker!.kill('SIGTERM'))),
    );
    void Promise.all(exits).then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  console.log(`\n  ${banner.join('\n  ')}\n`);
}

async function main() {
  const config = loadConfig();
  if (cluster.isWorker) return serve(config, await openRuntime(config));
  const workers = config.databaseUrl ? config.workers : 1;
  const runtime = await openRuntime(config);
  const banner = await prepare(config, runtime, workers);
  if (workers > 1) {
    await runtime.db.close();
    return supervise(workers, banner);
  }
  await serve(config, runtime);
  console.log(`\n  ${banner.join('\n  ')}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
