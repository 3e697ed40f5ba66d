// The CLI on the database (no server running) leaves the same audit entries the API's routes do: a team,
// a user and an API key created each write one entry, saying they came from the CLI, and never the key.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../config';
import { openRuntime } from '../runtime';
import { createPostgresDatabase, databaseKinds } from '../test/harness';
import { directBackend } from './direct-backend';

describe.each(databaseKinds())('the CLI on the database, on %s', (kind) => {
  let dataDir: string;
  let config: Config;
  let dropDatabase: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tapeline-cli-audit-'));
    const env: Record<string, string> = { DATA_DIR: dataDir, LOG_LEVEL: 'silent', TAPELINE_DEMO: '0' };
    if (kind === 'postgres') {
      const database = await createPostgresDatabase();
      env.DATABASE_URL = database.url;
      dropDatabase = database.drop;
    }
    config = loadConfig(env);
  });
  afterAll(async () => {
    await dropDatabase();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('audits the teams, users and API keys it creates', async () => {
    const backend = await directBackend(config);
    const team = await backend.createTeam('Ops');
    const user = await backend.createUser({
      username: 'olu',
      firstName: 'Olu',
      lastName: '',
      role: 'agent',
      teams: [team.id],
    });
    const key = await backend.createApiKey(user.id, 'crm');
    await backend.close();

    const runtime = await openRuntime(config);
    try {
      const { rows } = await runtime.db.query<Record<string, unknown>>(
        `select action, actor_id, actor_username, resource_type, resource_id, details
         from audit_log order by id`,
      );
      expect(rows).toEqual([
        {
          action: 'team.created',
          actor_id: null,
          actor_username: null,
          resource_type: 'team',
          resource_id: team.id,
          details: { name: 'Ops', via: 'cli' },
        },
        {
          action: 'user.created',
          actor_id: null,
          actor_username: null,
          resource_type: 'user',
          resource_id: user.id,
          details: { username: 'olu', role: 'agent', teams: [team.id], via: 'cli' },
        },
        {
          action: 'apikey.created',
          actor_id: null,
          actor_username: null,
          resource_type: 'apikey',
          resource_id: key.id,
          details: { user: user.id, name: 'crm', via: 'cli' },
        },
      ]);
      expect(JSON.stringify(rows)).not.toContain(key.key);
    } finally {
      await runtime.db.close();
    }
  }, 120_000);
});
