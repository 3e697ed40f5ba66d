// Starts Tapeline: reads config, opens the database and storage, seeds the demo, listens, shuts down
// cleanly. With DATABASE_URL it runs WORKERS processes on one port (node:cluster): nothing is kept in
// one process's memory that instances could disagree on. Embedded PGlite is one process's database.
// While it runs, DATA_DIR/run/server.json tells the CLI on this machine where it is and how to sign in.
import cluster from 'node:cluster';
import type { AddressInfo } from 'node:net';
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
import { consoleLog } from './lib/log';
import { removeOperatorCredential, writeOperatorCredential } from './lib/operator-credential';
import { buildModules } from './modules';
import { newToken } from './modules/auth/tokens';
import { openRuntime, type Runtime } from './runtime';

/** How the primary hands the operator token to its workers (never argv: that is visible in `ps`). */
const OPERATOR_TOKEN_ENV = 'TAPELINE_OPERATOR_TOKEN';

/** Seeds the demo on an empty database and returns the lines of the start banner. */
async function prepare(config: Config, runtime: Runtime, workers: number): Promise<string[]> {
  const seeded =
    config.demo && (await isEmpty(runtime.db)) ? await seedDemo(runtime.db, runtime.storage) : null;
  if (seeded) await createDemoApiKey(runtime.db, runtime.signingSecret);
  const demoKey = config.demo ? await activeDemoApiKey(runtime.db, runtime.signingSecret) : null;
  // With no administrator yet, a one-time link to create the first (a new one at every start).
  const setupUrl = await buildModules({ config, ...runtime, log: consoleLog }).users.service.issueSetupLink();
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
  if (setupUrl) {
    lines.push(
      'There is no administrator yet. Create the first one here (one use; a restart makes a new link):',
      `  ${setupUrl}`,
    );
  }
  return lines;
}

/** The URL the CLI on this machine reaches the server at. */
function localUrl(config: Config, port: number) {
  const host = ['0.0.0.0', '::'].includes(config.host) ? '127.0.0.1' : config.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** Serves HTTP in this process until SIGINT or SIGTERM; returns the port it listens on. */
async function serve(config: Config, runtime: Runtime, operatorToken: string, onStop = async () => {}) {
  const app = await buildApp({
    config,
    ...runtime,
    webRoot: fileURLToPath(new URL('../dist/', import.meta.url)),
    operatorToken,
  });
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await onStop();
    await app.close();
    await runtime.db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  return (app.server.address() as AddressInfo).port;
}

/** The primary of a cluster: forks the workers, replaces one that dies, stops them all on a signal. */
async function supervise(config: Config, workers: number, operatorToken: string) {
  let stopping = false;
  let port = config.port;
  const fork = () =>
    new Promise<void>((resolve, reject) => {
      const worker = cluster.fork({ [OPERATOR_TOKEN_ENV]: operatorToken });
      worker.once('listening', (address) => {
        port = address.port;
        resolve();
      });
      worker.once('exit', (code, signal) => {
        if (stopping) return;
        reject(new Error(`a worker exited with ${signal ?? code} before listening`));
        console.error(`worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
        void fork().catch(() => undefined);
      });
    });
  await Promise.all(Array.from({ length: workers }, fork));
  const stop = () => {
    if (stopping) return;
    stopping = true;
    const exits = Object.values(cluster.workers ?? {}).map(
      (worker) => new Promise((resolve) => (worker!.once('exit', resolve), worker!.kill('SIGTERM'))),
    );
    void Promise.all([removeOperatorCredential(config.dataDir), ...exits]).then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return port;
}

async function main() {
  const config = loadConfig();
  if (cluster.isWorker) {
    await serve(config, await openRuntime(config), process.env[OPERATOR_TOKEN_ENV]!);
    return;
  }
  const workers = config.databaseUrl ? config.workers : 1;
  const operatorToken = newToken('tpl_operator_');
  const runtime = await openRuntime(config);
  const banner = await prepare(config, runtime, workers);
  let port: number;
  if (workers > 1) {
    await runtime.db.close();
    port = await supervise(config, workers, operatorToken);
  } else {
    port = await serve(config, runtime, operatorToken, () => removeOperatorCredential(config.dataDir));
  }
  await writeOperatorCredential(config.dataDir, {
    url: localUrl(config, port),
    token: operatorToken,
    pid: process.pid,
  });
  console.log(`\n  ${banner.join('\n  ')}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
