// Starts Tapeline: reads config, opens the database and storage, seeds the demo, listens, shuts down cleanly.
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';
import {
  DEMO_PASSWORD,
  DEMO_USERS,
  activeDemoApiKey,
  createDemoApiKey,
  isEmpty,
  seedDemo,
} from './demo/seed';
import { removeOperatorCredential, writeOperatorCredential } from './lib/operator-credential';
import { newToken } from './modules/auth/tokens';
import { buildModules } from './modules';
import { consoleLog } from './lib/log';
import { openRuntime } from './runtime';

async function main() {
  const config = loadConfig();
  const runtime = await openRuntime(config);
  const operatorToken = newToken('tpl_operator_');
  const app = await buildApp({
    config,
    ...runtime,
    webRoot: fileURLToPath(new URL('../dist/', import.meta.url)),
    operatorToken,
  });

  const seeded =
    config.demo && (await isEmpty(runtime.db)) ? await seedDemo(runtime.db, runtime.storage) : null;
  if (seeded) {
    await createDemoApiKey(runtime.db, runtime.signingSecret);
    app.log.info(seeded, 'seeded demo data');
  }
  const demoKey = config.demo ? await activeDemoApiKey(runtime.db, runtime.signingSecret) : null;
  // With no administrator yet, a one-time link to create the first (a new one at every start).
  const setupUrl = await buildModules({ config, ...runtime, log: consoleLog }).users.service.issueSetupLink();

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await removeOperatorCredential(config.dataDir);
    await app.close();
    await runtime.db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  const { port } = app.server.address() as AddressInfo;
  const localHost = ['0.0.0.0', '::'].includes(config.host) ? '127.0.0.1' : config.host;
  await writeOperatorCredential(config.dataDir, {
    url: `http://${localHost.includes(':') ? `[${localHost}]` : localHost}:${port}`,
    token: operatorToken,
    pid: process.pid,
  });
  const lines = [
    `Tapeline is running at ${config.publicUrl} (Node.js ${process.version})`,
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
  console.log(`\n  ${lines.join('\n  ')}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
