// `npm run tapeline -- <command>`: operator commands. Users, teams and imports go through the server
// running on this DATA_DIR when there is one (its API, with the operator credential it wrote at start),
// else straight to the database; API keys are managed on the database.
import { parseArgs } from 'node:util';
import { roleSchema } from '../contract/auth';
import { createTeamRequestSchema, createUserRequestSchema } from '../contract/users';
import { firstTeamOf, openBackend } from './cli/backend';
import { ConfigError, loadConfig, type Config } from './config';
import { HttpError } from './lib/http';
import { consoleLog } from './lib/log';
import { buildModules } from './modules';
import { authRepo } from './modules/auth/repo';
import { importRecording, readManifest, summarise, type ImportItem } from './modules/recordings/import';
import { usersRepo } from './modules/users/repo';
import { openRuntime } from './runtime';

const USAGE = `Usage: npm run tapeline -- <command>

  user create --username <u> --role <role> [--first-name <name>] [--last-name <name>] [--team <team id>…]
                                                      create a user; prints their one-time set-password link
                                                      (roles: ${roleSchema.options.join(', ')})
  user list                                           list users with their role, teams and state
  team create --name <name>                           create a team; prints its id
  api-key create --user <username> [--name <label>]   create an API key (printed once)
  api-key list --user <username>                      list a user's API keys
  api-key revoke --id <key id>                        revoke an API key
  import --object <id> --agent <username> [--started-at <ISO date>] <file…>
  import --object-external-id <id> --object-title <title> [--object-team <team id>] --agent <username> <file…>
                                                      import recordings (measured, repaired, once each); the
                                                      second form finds the conversation by its external id
                                                      or creates it (in the agent's first team by default)
  import --manifest <csv>                             bulk import; header names the columns: agent, path,
                                                      objectId or objectExternalId + objectTitle
                                                      [+ objectTeam], optional startedAt
  audit verify                                        check the audit trail's hash chain; exit 1 at a broken link
  retention --dry-run                                 list what retention would delete and what holds keep
  retention                                           run retention now (as the daily job does)

User, team, import and api-key create use the running server on this DATA_DIR when there is one, and
the database otherwise. api-key list and revoke open the database: with the embedded database (no
DATABASE_URL), stop the server first.`;

class UsageError extends Error {}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      user: { type: 'string' },
      name: { type: 'string' },
      id: { type: 'string' },
      object: { type: 'string' },
      'object-external-id': { type: 'string' },
      'object-title': { type: 'string' },
      'object-team': { type: 'string' },
      agent: { type: 'string' },
      'started-at': { type: 'string' },
      manifest: { type: 'string' },
      username: { type: 'string' },
      role: { type: 'string' },
      'first-name': { type: 'string' },
      'last-name': { type: 'string' },
      team: { type: 'string', multiple: true },
      'dry-run': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
}
type Values = ReturnType<typeof parse>['values'];

/** The request as the API would parse it; a bad value is a usage error naming the option. */
function validated<T>(
  schema: {
    safeParse(
      value: unknown,
    ):
      | { success: true; data: T }
      | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
  },
  value: unknown,
  options: Record<string, string>,
): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = String(issue.path[0] ?? '');
  throw new UsageError(`${options[field] ?? field}: ${issue.message}`);
}

async function run(argv: string[]) {
  const { positionals, values } = parse(argv);
  const [group, action] = positionals;
  if (values.help) throw new UsageError(USAGE);
  if (group === 'import') return runImport(loadConfig(), importItems(values, positionals.slice(1)));
  if (group === 'user' && action === 'create') {
    const input = validated(
      createUserRequestSchema,
      {
        username: values.username,
        firstName: values['first-name'] ?? values.username,
        lastName: values['last-name'],
        role: values.role,
        teams: values.team,
      },
      {
        username: '--username',
        firstName: '--first-name',
        lastName: '--last-name',
        role: '--role',
        teams: '--team',
      },
    );
    return withBackend(async (backend) => {
      const created = await backend.createUser(input);
      console.log(
        `User ${created.id} "${input.username}" (${input.role}) created. ` +
          `Their one-time link to set a password (valid 7 days):\n${created.setPasswordUrl}`,
      );
    });
  }
  if (group === 'user' && action === 'list') {
    return withBackend(async (backend) => {
      for (const user of await backend.listUsers()) {
        const name = `${user.firstName} ${user.lastName}`.trim();
        const teams = user.teams.map((team) => team.name).join(', ') || '-';
        const state = user.active ? (user.hasPassword ? 'active' : 'no password yet') : 'deactivated';
        console.log([user.id, user.username, user.role, name, teams, state].join('\t'));
      }
    });
  }
  if (group === 'team' && action === 'create') {
    const { name } = validated(createTeamRequestSchema, { name: values.name }, { name: '--name' });
    return withBackend(async (backend) => {
      const team = await backend.createTeam(name);
      console.log(`Team ${team.id} "${team.name}" created.`);
    });
  }
  if (group === 'api-key' && action === 'create') {
    const username = values.user;
    if (!username) throw new UsageError('api-key create needs --user <username>.');
    return withBackend(async (backend) => {
      const user = (await backend.listUsers()).find((candidate) => candidate.username === username);
      if (!user) throw new UsageError(`There is no user "${username}".`);
      const created = await backend.createApiKey(user.id, values.name ?? 'cli');
      console.log(`API key ${created.id} for ${username} (shown once, keep it safe):\n${created.key}`);
    });
  }
  if (group === 'audit' && action === 'verify') return runAuditVerify(loadConfig());
  if (group === 'retention' && positionals.length === 1)
    return runRetention(loadConfig(), values['dry-run'] ?? false);
  if (group === 'api-key' && action) return runApiKey(action, values);
  throw new UsageError(USAGE);
}

async function withBackend(work: (backend: Awaited<ReturnType<typeof openBackend>>) => Promise<void>) {
  const backend = await openBackend(loadConfig());
  try {
    await work(backend);
  } finally {
    await backend.close();
  }
}

function importItems(values: Values, files: string[]): Promise<ImportItem[]> | ImportItem[] {
  if (values.manifest) return readManifest(values.manifest);
  const externalId = values['object-external-id'];
  if (!values.agent || files.length === 0 || (!values.object && !externalId)) {
    throw new UsageError(
      'import needs --object <id> (or --object-external-id <id> --object-title <title>), --agent <username> ' +
        'and at least one file.',
    );
  }
  if (!values.object && !values['object-title']) {
    throw new UsageError('--object-title: a conversation that may not exist yet needs a title.');
  }
  const [agent, startedAt] = [values.agent, values['started-at']];
  const target = values.object
    ? { objectId: values.object }
    : {
        object: {
          externalId: externalId!,
          title: values['object-title']!,
          team: values['object-team'] ?? null,
        },
      };
  return files.map((path) => ({ ...target, agent, startedAt, path }));
}

/** Imports one file after another; a bad file is reported and skipped. Exit code 1 if any failed. */
async function runImport(config: Config, pendingItems: Promise<ImportItem[]> | ImportItem[]) {
  const items = await pendingItems;
  const backend = await openBackend(config);
  try {
    const outcomes = [];
    const teamOf = (agent: string) => firstTeamOf(backend, agent);
    for (const item of items) {
      const outcome = await importRecording(backend.recordings, item, teamOf);
      if (outcome.result === 'already present') console.error(`already present: ${item.path}`);
      if (outcome.result === 'failed') console.error(`failed: ${item.path}: ${outcome.reason}`);
      outcomes.push(outcome);
    }
    console.log(summarise(outcomes));
    if (outcomes.some((outcome) => outcome.result === 'failed')) process.exitCode = 1;
  } finally {
    await backend.close();
  }
}

async function runApiKey(action: string, values: Values) {
  const config = loadConfig();
  const runtime = await openRuntime(config);
  const { db } = runtime;
  const modules = buildModules({ config, ...runtime, log: consoleLog });
  // Operator commands act as nobody in particular: the audit entry says they came from the CLI.
  const fromCli = { actor: null, details: { via: 'cli' } };
  try {
    const repo = authRepo(db);
    if (action === 'list') {
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

run(process.argv.slice(2)).catch((error: unknown) => {
  const known = error instanceof UsageError || error instanceof ConfigError;
  if (error instanceof HttpError) {
    console.error(error.description);
    process.exit(1);
  }
  console.error(known ? error.message : error);
  process.exit(known ? 2 : 1);
});
