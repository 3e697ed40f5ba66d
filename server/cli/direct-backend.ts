// The CLI on the database directly (no server running): the same services the API uses, as the operator.
import type { Config } from '../config';
import { consoleLog } from '../lib/log';
import { buildModules } from '../modules';
import { OPERATOR } from '../modules/auth/operator';
import { operatorRecordings } from '../modules/recordings/import';
import { openRuntime } from '../runtime';
import type { OperatorBackend } from './backend';

export async function directBackend(config: Config): Promise<OperatorBackend> {
  const runtime = await openRuntime(config);
  // The same wiring as the server; the CLI starts no background jobs, but waits for its webhooks on close.
  const modules = buildModules({ config, ...runtime, log: consoleLog });
  const users = modules.users.service;
  // What the API's routes record, recorded here too: the entry says the change came from the CLI.
  const audited = async <T extends { id: string }>(
    action: 'user.created' | 'team.created' | 'apikey.created',
    resourceType: string,
    details: Record<string, unknown>,
    change: Promise<T>,
  ) => {
    const done = await change;
    await modules.audit.trail.recordNow({
      action,
      actor: null,
      resource: { type: resourceType, id: done.id },
      details: { ...details, via: 'cli' },
    });
    return done;
  };
  return {
    via: 'database',
    createUser: (input) =>
      audited(
        'user.created',
        'user',
        { username: input.username, role: input.role, teams: input.teams },
        users.create(OPERATOR, input),
      ),
    listUsers: () => users.list(OPERATOR),
    createTeam: (name) => audited('team.created', 'team', { name }, users.createTeam(OPERATOR, name)),
    createApiKey: (userId, name) =>
      audited('apikey.created', 'apikey', { user: userId, name }, users.createApiKey(OPERATOR, userId, name)),
    recordings: operatorRecordings(modules.recordings.service),
    async close() {
      await modules.recordings.webhook?.settle();
      await runtime.db.close();
    },
  };
}
