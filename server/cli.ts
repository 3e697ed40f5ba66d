// `npm run tapeline -- <command>`: operator commands against the configured database.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from './config';
import { consoleLog } from './lib/log';
import { buildModules } from './modules';
import { authRepo } from './modules/auth/repo';
import { importRecording, readManifest, summarise, type ImportItem } from './modules/recordings/import';
import { usersRepo } from './modules/users/repo';
import { openRuntime } from './runtime';

const USAGE = `Usage: npm run tapeline -- <command>

  api-key create --user <username> [--name <label>]   create an API key (printed once)
  api-key list --user <username>                      list a user's API keys
  api-key revoke --id <key id>                        revoke an API key
  import --object <id> --agent <username> [--started-at <ISO date>] <file…>
                                                      import recordings (measured, repaired, once each)
  import --manifest <csv>                             bulk import; header: objectId,agent,startedAt,path
  audit verify                                        check the audit trail's hash chain; exit 1 at a broken link
  retention --dry-run                                 list what retention would delete and what holds keep
  retention                                           run retention now (as the daily job does)

The embedded database (no DATABASE_URL) can be opened by one process at a time:
stop the server before running these commands, or use DATABASE_URL.`;

class UsageError extends Error {}

async function run(argv: string[]) {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      user: { type: 'string' },
      name: { type: 'string' },
      id: { type: 'string' },
      object: { type: 'string' },
      agent: { type: 'string' },
      'started-at': { type: 'string' },
      manifest: { type: 'string' },
      'dry-run': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  const [group, action] = positionals;
  if (values.help) throw new UsageError(USAGE);
  if (group === 'import') {
    let items: ImportItem[];
    if (values.manifest) {
      items = await readManifest(values.manifest);
    } else {
      if (!values.object || !values.agent || positionals.length < 2) {
        throw new UsageError('import needs --object <id> --agent <username> and at least one file.');
      }
      const [object, agent, startedAt] = [values.object, values.agent, values['started-at']];
      items = positionals.slice(1).map((path) => ({ objectId: object, agent, startedAt, path }));
    }
    return runImport(loadConfig(), items);
  }
  if (group === 'audit' && action === 'verify') return runAuditVerify(loadConfig());
  if (group === 'retention' && positionals.length === 1)
    return runRetention(loadConfig(), values['dry-run'] ?? false);
  if (group !== 'api-key' || !action) throw new UsageError(USAGE);

  const config = loadConfig();
  const runtime = await openRuntime(config);
  const { db } = runtime;
  const modules = buildModules({ config, ...runtime, log: consoleLog });
  // Operator commands act as nobody in particular: the audit entry says they came from the CLI.
  const fromCli = { actor: null, details: { via: 'cli' } };
  try {
    const repo = authRepo(db);
    if (action === 'create') {
      if (!values.user) throw new UsageError('api-key create needs --user <username>.');
      const created = await modules.auth.service.createApiKey(values.user, values.name ?? 'cli');
      if (!created) throw new UsageError(`There is no user "${values.user}".`);
      await modules.audit.trail.recordNow({
        ...fromCli,
        action: 'apikey.created',
        resource: { type: 'apikey', id: created.id },
        details: { via: 'cli', user: values.user },
      });
      console.log(`API key ${created.id} for ${values.user} (shown once, keep it safe):\n${created.key}`);
    } else if (action === 'list') {
      const user = values.user ? await usersRepo(db).findByUsername(values.user) : null;
      if (!user) throw new UsageError(`There is no user "${values.user ?? ''}"; pass --user <username>.`);
      for (const key of await repo.listApiKeys(user.id)) {
        const state = key.revoked_at ? `revoked ${key.revoked_at.toISOString()}` : 'active';
        console.log(`${key.id}\t${key.name}\tcreated ${key.created_at.toISOString()}\t${state}`);
      }
    } else if (action === 'revoke') {
      if (!values.id || !/^[0-9]{1,18}$/.test(values.id))
        throw new UsageError('api-key revoke needs --id <key id>.');
      if (!(await repo.revokeApiKey(values.id)))
        throw new UsageError(`No active API key has id ${values.id}.`);
      await modules.audit.trail.recordNow({
        ...fromCli,
        action: 'apikey.revoked',
        resource: { type: 'apikey', id: values.id },
      });
      console.log(`API key ${values.id} revoked.`);
    } else {
      throw new UsageError(USAGE);
    }
  } finally {
    await db.close();
  }
}

/** Walks the audit trail's hash chain; exit code 1 at the first broken link. */
async function runAuditVerify(config: Config) {
  const runtime = await openRuntime(config);
  try {
    const result = await buildModules({ config, ...runtime, log: consoleLog }).audit.service.verify();
    if (result.firstBroken) {
      console.error(`audit trail BROKEN at entry ${result.firstBroken.id}: ${result.firstBroken.reason}`);
      console.error(`(${result.checked} entries before it are intact)`);
      process.exitCode = 1;
    } else {
      console.log(`audit trail intact: ${result.checked} entries, every link verified`);
    }
  } finally {
    await runtime.db.close();
  }
}

/** Runs retention now, or with `dryRun` lists what it would delete and what holds keep. */
async function runRetention(config: Config, dryRun: boolean) {
  const runtime = await openRuntime(config);
  const modules = buildModules({ config, ...runtime, log: consoleLog });
  try {
    const result = await modules.retention.service.run({ dryRun });
    const verb = dryRun ? 'would delete' : 'deleted';
    for (const item of result.deleted) {
      console.log(
        `${verb}\trecording ${item.activityId}\tconversation ${item.objectId}\tteam ${item.teamId}\tcreated ${item.createdTime}`,
      );
    }
    for (const item of result.keptByHold) {
      console.log(
        `kept\trecording ${item.activityId}\tconversation ${item.objectId}\thold ${item.holdId}: ${item.holdReason}`,
      );
    }
    console.log(
      `${result.deleted.length} ${dryRun ? 'to delete' : 'deleted'}, ${result.keptByHold.length} kept by legal holds`,
    );
    await modules.audit.trail.flush();
  } finally {
    await runtime.db.close();
  }
}

/** Imports one file after another; a bad file is reported and skipped. Exit code 1 if any failed. */
async function runImport(config: Config, items: ImportItem[]) {
  const runtime = await openRuntime(config);
  const { db } = runtime;
  // The same wiring as the server; the CLI starts no background jobs, but waits for its webhooks below.
  const { service: recordings, webhook } = buildModules({ config, ...runtime, log: consoleLog }).recordings;
  try {
    const outcomes = [];
    for (const item of items) {
      const outcome = await importRecording(recordings, item);
      if (outcome.result === 'already present') console.error(`already present: ${item.path}`);
      if (outcome.result === 'failed') console.error(`failed: ${item.path}: ${outcome.reason}`);
      outcomes.push(outcome);
    }
    await webhook?.settle();
    console.log(summarise(outcomes));
    if (outcomes.some((outcome) => outcome.result === 'failed')) process.exitCode = 1;
  } finally {
    await db.close();
  }
}

run(process.argv.slice(2)).catch((error: unknown) => {
  const known = error instanceof UsageError || error instanceof ConfigError;
  console.error(known ? error.message : error);
  process.exit(known ? 2 : 1);
});
