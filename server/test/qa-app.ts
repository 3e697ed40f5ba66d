// Shared set-up for the QA integration tests: the demo app, an API key per demo user, typed calls.
import { afterAll, beforeAll } from 'vitest';
import { authService } from '../modules/auth/service';
import { createTestApp, type DatabaseKind, type TestContext } from './harness';

export const DEMO_USERNAMES = ['admin', 'qa', 'trainer', 'supervisor', 'agent', 'agent2'] as const;
export type DemoUsername = (typeof DEMO_USERNAMES)[number];

export interface QaTestApp {
  ctx: TestContext;
  call(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    url: string,
    as: DemoUsername,
    payload?: unknown,
  ): Promise<{ status: number; body: { description?: string; data?: unknown } & Record<string, unknown> }>;
  /** Ids of recording activities whose agent is `agent`, via the database (the test's own knowledge). */
  recordingsOf(
    agent: 'agent' | 'agent2',
  ): Promise<{ activityId: string; objectId: string; duration: number }[]>;
  count(table: string): Promise<number>;
}

/** Registers beforeAll/afterAll that build the demo app for `kind`; use the returned object in tests. */
export function useQaTestApp(kind: DatabaseKind): QaTestApp {
  const keys: Partial<Record<DemoUsername, string>> = {};
  const state = {} as QaTestApp;

  beforeAll(async () => {
    state.ctx = await createTestApp(kind);
    const auth = authService(state.ctx.db, { sessionTtlSeconds: 3600 });
    for (const username of DEMO_USERNAMES)
      keys[username] = (await auth.createApiKey(username, 'qa tests'))!.key;
  });
  afterAll(() => state.ctx?.close());

  state.call = async (method, url, as, payload) => {
    const response = await state.ctx.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${keys[as]}` },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    return { status: response.statusCode, body: response.json() };
  };
  state.recordingsOf = async (agent) => {
    const { rows } = await state.ctx.db.query<{ activityId: string; objectId: string; duration: number }>(
      `select a.id::text as "activityId", a.object_id::text as "objectId", r.duration_seconds as duration
       from activities a join users u on u.id = a.user_id join recordings r on r.id = a.recording_id
       where u.username = $1 and a.activity_type = 27 order by a.id`,
      [agent],
    );
    return rows;
  };
  state.count = async (table) => {
    const { rows } = await state.ctx.db.query<{ n: number }>(`select count(*)::int as n from ${table}`);
    return rows[0]!.n;
  };
  return state;
}
