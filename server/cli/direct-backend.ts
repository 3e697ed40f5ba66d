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
  return {
    via: 'database',
    createUser: (input) => users.create(OPERATOR, input),
    listUsers: () => users.list(OPERATOR),
    createTeam: (name) => users.createTeam(OPERATOR, name),
    createApiKey: (userId, name) => users.createApiKey(OPERATOR, userId, name),
    recordings: operatorRecordings(modules.recordings.service),
    async close() {
      await modules.recordings.webhook?.settle();
      await runtime.db.close();
    },
  };
}
