// Starts Tapeline: reads config, opens the database and storage, seeds the demo, listens, shuts down cleanly.
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
import { openRuntime } from './runtime';

async function main() {
  const config = loadConfig();
  const runtime = await openRuntime(config);
  const app = await buildApp({
    config,
    ...runtime,
    webRoot: fileURLToPath(new URL('../dist/', import.meta.url)),
  });

  const seeded =
    config.demo && (await isEmpty(runtime.db)) ? await seedDemo(runtime.db, runtime.storage) : null;
  if (seeded) {
    await createDemoApiKey(runtime.db, runtime.signingSecret);
    app.log.info(seeded, 'seeded demo data');
  }
  const demoKey = config.demo ? await activeDemoApiKey(runtime.db, runtime.signingSecret) : null;

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
  console.log(`\n  ${lines.join('\n  ')}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
