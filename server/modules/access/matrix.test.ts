// The access matrix: every role × every API endpoint, from one table. A route in the OpenAPI document
// without a row here fails the test, so no endpoint lands without its access rules written down.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authService } from '../auth/service';
import { createTestApp, databaseKinds, type TestContext } from '../../test/harness';

/** Every kind of caller: the demo users, a QA manager of a team with no conversations, and nobody. */
const PRINCIPALS = ['admin', 'qa', 'trainer', 'supervisor', 'agent', 'agent2', 'outsider'] as const;
type Principal = (typeof PRINCIPALS)[number];

/** What the access model decided, as a client sees it: 404 hidden, 403 forbidden, 401 anonymous, else ok. */
type Outcome = 'ok' | 'hidden' | 'forbidden';

interface Fixtures {
  /** Dana's (agent's) conversation, in the Video Support team; and Sam's (agent2's), in Onboarding. */
  agentObject: string;
  agent2Object: string;
  /** A recording activity of Dana's. */
  recording: string;
  /** Open uploads of Dana's: one for reading and writing, one that `fail` may end. */
  upload: string;
  uploadToFail: string;
  /** On Dana's recording, by qa: a submitted evaluation that Dana disputed, and a draft. */
  submitted: string;
  draft: string;
  draftVersion: number;
  dispute: string;
  /** An annotation by qa on Dana's recording, and a way to make a fresh one. */
  annotation: string;
  newAnnotation(): Promise<string>;
  scorecard: string;
  scorecardVersion: number;
  scorecardToArchive: string;
}

interface Row {
  request(fx: Fixtures): Promise<{ url: string; payload?: unknown; headers?: Record<string, string> }>;
  outcomes: Record<Principal, Outcome>;
  /** Needs no credentials (sign-in). */
  public?: boolean;
}

/** Outcomes for every principal; the ones not listed under `ok` or `forbidden` are hidden. */
function expectOutcomes(given: { ok: readonly Principal[]; forbidden?: readonly Principal[] }) {
  return Object.fromEntries(
    PRINCIPALS.map((p) => [
      p,
      given.ok.includes(p) ? 'ok' : given.forbidden?.includes(p) ? 'forbidden' : 'hidden',
    ]),
  ) as Record<Principal, Outcome>;
}
const everyone = expectOutcomes({ ok: PRINCIPALS });
/** Who sees Dana's conversation: admins, and the Video Support team's reviewers (qa, trainer). */
const seeDanasCall = ['admin', 'qa', 'trainer', 'agent'] as const;
const reviewerOfDana = ['admin', 'qa', 'trainer'] as const;
const scorecardManagers = expectOutcomes({
  ok: ['admin', 'qa', 'outsider'],
  forbidden: ['trainer', 'supervisor', 'agent', 'agent2'],
});

const get = (url: (fx: Fixtures) => string) => async (fx: Fixtures) => ({ url: url(fx) });
const send =
  (url: (fx: Fixtures) => string, payload: (fx: Fixtures) => unknown = () => ({})) =>
  async (fx: Fixtures) => ({ url: url(fx), payload: payload(fx) });

const scorecardBody = {
  name: 'Matrix',
  sections: [
    {
      title: 'One',
      criteria: [{ title: 'Greets', scale: '3', weight: 1 }],
    },
  ],
};

export const ACCESS_MATRIX: Record<string, Row> = {
  'POST /api/auth/login': {
    public: true,
    request: send(
      () => '/api/auth/login',
      () => ({ username: 'trainer', password: 'tapeline' }),
    ),
    outcomes: everyone,
  },
  'POST /api/auth/logout': { request: send(() => '/api/auth/logout'), outcomes: everyone },
  'GET /api/me': { request: get(() => '/api/me'), outcomes: everyone },
  'GET /api/queue': { request: get(() => '/api/queue'), outcomes: everyone },
  'GET /api/objects': { request: get(() => '/api/objects'), outcomes: everyone },
  'GET /api/objects/{objectId}/activities': {
    request: get((fx) => `/api/objects/${fx.agentObject}/activities?activityType=27`),
    outcomes: expectOutcomes({ ok: seeDanasCall }),
  },
  'GET /api/objects/{objectId}/qa-summary': {
    request: get((fx) => `/api/objects/${fx.agentObject}/qa-summary`),
    outcomes: expectOutcomes({ ok: seeDanasCall }),
  },

  'POST /api/recordings': {
    request: send(
      () => '/api/recordings',
      (fx) => ({ objectId: fx.agentObject, agent: 'agent' }),
    ),
    outcomes: expectOutcomes({ ok: ['admin', 'agent'], forbidden: ['qa', 'trainer'] }),
  },
  'GET /api/recordings/{id}': {
    request: get((fx) => `/api/recordings/${fx.upload}`),
    outcomes: expectOutcomes({ ok: ['admin', 'agent'], forbidden: ['qa', 'trainer'] }),
  },
  'HEAD /api/recordings/{id}/content': {
    request: get((fx) => `/api/recordings/${fx.upload}/content`),
    outcomes: expectOutcomes({ ok: ['admin', 'agent'], forbidden: ['qa', 'trainer'] }),
  },
  'PUT /api/recordings/{id}/content': {
    // A chunk past the server's offset: refused with 409 once access is granted, so nothing changes.
    request: async (fx) => ({
      url: `/api/recordings/${fx.upload}/content`,
      payload: Buffer.alloc(5),
      headers: { 'content-type': 'application/octet-stream', 'content-range': 'bytes 5-9/*' },
    }),
    outcomes: expectOutcomes({ ok: ['admin', 'agent'], forbidden: ['qa', 'trainer'] }),
  },
  'POST /api/recordings/{id}/complete': {
    // Nothing uploaded yet: 422 once access is granted, and the recording stays open.
    request: async (fx) => ({ url: `/api/recordings/${fx.upload}/complete` }),
    outcomes: expectOutcomes({ ok: ['admin', 'agent'], forbidden: ['qa', 'trainer'] }),
  },
  'POST /api/recordings/{id}/fail': {
    request: send(
      (fx) => `/api/recordings/${fx.uploadToFail}/fail`,
      () => ({ reason: 'matrix' }),
    ),
    outcomes: expectOutcomes({ ok: ['admin', 'agent'], forbidden: ['qa', 'trainer'] }),
  },

  'GET /api/scorecards': { request: get(() => '/api/scorecards'), outcomes: everyone },
  'GET /api/scorecards/{id}': { request: get((fx) => `/api/scorecards/${fx.scorecard}`), outcomes: everyone },
  'GET /api/scorecards/{id}/versions/{version}': {
    request: get((fx) => `/api/scorecards/${fx.scorecard}/versions/1`),
    outcomes: everyone,
  },
  'POST /api/scorecards': {
    request: send(
      () => '/api/scorecards',
      () => scorecardBody,
    ),
    outcomes: scorecardManagers,
  },
  'PUT /api/scorecards/{id}': {
    // A stale version: 409 once access is granted, so the scorecard does not change.
    request: send(
      (fx) => `/api/scorecards/${fx.scorecard}`,
      (fx) => ({ ...scorecardBody, version: fx.scorecardVersion + 1 }),
    ),
    outcomes: scorecardManagers,
  },
  'POST /api/scorecards/{id}/archive': {
    request: send((fx) => `/api/scorecards/${fx.scorecardToArchive}/archive`),
    outcomes: scorecardManagers,
  },

  'GET /api/activities/{activityId}/evaluations': {
    request: get((fx) => `/api/activities/${fx.recording}/evaluations`),
    outcomes: expectOutcomes({ ok: seeDanasCall }),
  },
  'POST /api/activities/{activityId}/evaluations': {
    request: send(
      (fx) => `/api/activities/${fx.recording}/evaluations`,
      (fx) => ({ scorecardId: fx.scorecard }),
    ),
    outcomes: expectOutcomes({ ok: ['admin', 'qa'], forbidden: ['trainer', 'agent'] }),
  },
  'GET /api/evaluations/{id}': {
    request: get((fx) => `/api/evaluations/${fx.submitted}`),
    outcomes: expectOutcomes({ ok: seeDanasCall }),
  },
  'PUT /api/evaluations/{id}': {
    // qa's draft: nobody else even sees it, admins included.
    request: send(
      (fx) => `/api/evaluations/${fx.draft}`,
      (fx) => ({ version: fx.draftVersion, ratings: {} }),
    ),
    outcomes: expectOutcomes({ ok: ['qa'] }),
  },
  'POST /api/evaluations/{id}/submit': {
    // Already submitted: 409 for its author once access is granted.
    request: send((fx) => `/api/evaluations/${fx.submitted}/submit`),
    outcomes: expectOutcomes({ ok: ['qa'], forbidden: ['admin', 'trainer', 'agent'] }),
  },
  'POST /api/evaluations/{id}/acknowledge': {
    request: send((fx) => `/api/evaluations/${fx.submitted}/acknowledge`),
    outcomes: expectOutcomes({ ok: ['agent'], forbidden: reviewerOfDana }),
  },
  'POST /api/evaluations/{id}/dispute': {
    request: send(
      (fx) => `/api/evaluations/${fx.submitted}/dispute`,
      () => ({ reason: 'matrix' }),
    ),
    outcomes: expectOutcomes({ ok: ['agent'], forbidden: reviewerOfDana }),
  },
  'GET /api/evaluations/{id}/history': {
    request: get((fx) => `/api/evaluations/${fx.submitted}/history`),
    outcomes: expectOutcomes({ ok: seeDanasCall }),
  },
  'GET /api/disputes': { request: get(() => '/api/disputes'), outcomes: everyone },
  'POST /api/disputes/{id}/resolve': {
    request: send(
      (fx) => `/api/disputes/${fx.dispute}/resolve`,
      () => ({ outcome: 'upheld', comment: 'matrix' }),
    ),
    outcomes: expectOutcomes({ ok: ['admin', 'qa'], forbidden: ['trainer', 'agent'] }),
  },

  'GET /api/activities/{activityId}/annotations': {
    request: get((fx) => `/api/activities/${fx.recording}/annotations`),
    outcomes: expectOutcomes({ ok: seeDanasCall }),
  },
  'POST /api/activities/{activityId}/annotations': {
    request: send(
      (fx) => `/api/activities/${fx.recording}/annotations`,
      () => ({ startSeconds: 1, text: 'matrix' }),
    ),
    outcomes: expectOutcomes({ ok: reviewerOfDana, forbidden: ['agent'] }),
  },
  'PATCH /api/annotations/{id}': {
    request: send(
      (fx) => `/api/annotations/${fx.annotation}`,
      () => ({ text: 'matrix, edited' }),
    ),
    outcomes: expectOutcomes({ ok: ['qa'], forbidden: ['admin', 'trainer', 'agent'] }),
  },
  'DELETE /api/annotations/{id}': {
    request: async (fx) => ({ url: `/api/annotations/${await fx.newAnnotation()}` }),
    outcomes: expectOutcomes({ ok: ['qa'], forbidden: ['admin', 'trainer', 'agent'] }),
  },
};

function outcomeOf(status: number): Outcome | 'anonymous' {
  if (status === 401) return 'anonymous';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'hidden';
  return 'ok';
}

describe.each(databaseKinds())('the access matrix on %s', (kind) => {
  let ctx: TestContext;
  const keys = {} as Record<Principal, string>;
  const fx = {} as Fixtures;

  async function call(
    method: string,
    request: { url: string; payload?: unknown; headers?: Record<string, string> },
    as: Principal | null,
  ) {
    const response = await ctx.app.inject({
      method: method as 'GET',
      url: request.url,
      headers: { ...(as ? { authorization: `Bearer ${keys[as]}` } : {}), ...request.headers },
      ...(request.payload === undefined ? {} : { payload: request.payload as object }),
    });
    return response;
  }
  async function ok<T>(method: string, url: string, as: Principal, payload?: unknown): Promise<T> {
    const response = await call(method, { url, payload }, as);
    if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.body}`);
    return (response.json() as { data: T }).data;
  }

  beforeAll(async () => {
    ctx = await createTestApp(kind);
    // A QA manager of a team that has no conversations: sees nothing of the demo's.
    await ctx.db.query(`insert into teams (name) values ('Billing')`);
    await ctx.db.query(
      `insert into users (username, first_name, last_name, role) values ('outsider', 'Otto', 'Side', 'qa_manager')`,
    );
    await ctx.db.query(
      `insert into team_members (team_id, user_id)
       select t.id, u.id from teams t, users u where t.name = 'Billing' and u.username = 'outsider'`,
    );
    const auth = authService(ctx.db, { sessionTtlSeconds: 3600 });
    for (const principal of PRINCIPALS) keys[principal] = (await auth.createApiKey(principal, 'matrix'))!.key;

    const objectOf = async (agent: string) =>
      (
        await ctx.db.query<{ id: string }>(
          `select o.id::text as id from objects o join users u on u.id = o.agent_id
           where u.username = $1 order by o.id limit 1`,
          [agent],
        )
      ).rows[0]!.id;
    fx.agentObject = await objectOf('agent');
    fx.agent2Object = await objectOf('agent2');
    fx.recording = (
      await ctx.db.query<{ id: string }>(
        `select id::text as id from activities where object_id = $1 and activity_type = 27 order by id limit 1`,
        [fx.agentObject],
      )
    ).rows[0]!.id;
    const upload = () =>
      ok<{ id: string }>('POST', '/api/recordings', 'agent', { objectId: fx.agentObject, agent: 'agent' });
    fx.upload = (await upload()).id;
    fx.uploadToFail = (await upload()).id;

    const scorecards = await ok<{ id: string; currentVersion: number; sections: unknown[] }[]>(
      'GET',
      '/api/scorecards',
      'qa',
    );
    const scorecard = scorecards[0]!;
    fx.scorecard = scorecard.id;
    fx.scorecardVersion = scorecard.currentVersion;
    fx.scorecardToArchive = (await ok<{ id: string }>('POST', '/api/scorecards', 'qa', scorecardBody)).id;

    // qa evaluates Dana's recording and submits it; Dana disputes; qa starts a second, draft evaluation.
    const evaluation = await ok<{ id: string; scorecard: { sections: { criteria: { id: string }[] }[] } }>(
      'POST',
      `/api/activities/${fx.recording}/evaluations`,
      'qa',
      { scorecardId: fx.scorecard },
    );
    const ratings = Object.fromEntries(
      evaluation.scorecard.sections.flatMap((s) => s.criteria).map((c) => [c.id, { value: 1 }]),
    );
    const saved = await ok<{ version: number }>('PUT', `/api/evaluations/${evaluation.id}`, 'qa', {
      version: 1,
      ratings,
    });
    await ok('POST', `/api/evaluations/${evaluation.id}/submit`, 'qa', { version: saved.version });
    const disputed = await ok<{ disputes: { id: string }[] }>(
      'POST',
      `/api/evaluations/${evaluation.id}/dispute`,
      'agent',
      { reason: 'I disagree' },
    );
    fx.submitted = evaluation.id;
    fx.dispute = disputed.disputes[0]!.id;
    const draft = await ok<{ id: string; version: number }>(
      'POST',
      `/api/activities/${fx.recording}/evaluations`,
      'qa',
      { scorecardId: fx.scorecard },
    );
    fx.draft = draft.id;
    fx.draftVersion = draft.version;
    fx.newAnnotation = async () =>
      (
        await ok<{ id: string }>('POST', `/api/activities/${fx.recording}/annotations`, 'qa', {
          startSeconds: 2,
          text: 'a note',
        })
      ).id;
    fx.annotation = await fx.newAnnotation();
  });
  afterAll(() => ctx?.close());

  it('has a row for every operation in the OpenAPI document', async () => {
    const document = (await ctx.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    // /media/* answers signed URLs, not principals: the signature is the permission (media/routes.test.ts).
    const operations = Object.entries(document.paths)
      .filter(([path]) => path.startsWith('/api/'))
      .flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
    expect(operations.filter((operation) => !(operation in ACCESS_MATRIX))).toEqual([]);
    expect(Object.keys(ACCESS_MATRIX).filter((row) => !operations.includes(row))).toEqual([]);
  });

  it.each(Object.entries(ACCESS_MATRIX))('%s', async (operation, row) => {
    const method = operation.split(' ')[0]!;
    const anonymous = await call(method, await row.request(fx), null);
    expect(outcomeOf(anonymous.statusCode)).toBe(row.public ? 'ok' : 'anonymous');

    const seen: Record<string, string> = {};
    const expected: Record<string, string> = {};
    for (const principal of PRINCIPALS) {
      const response = await call(method, await row.request(fx), principal);
      expect(response.statusCode, `${principal}: ${response.body}`).toBeLessThan(500);
      seen[principal] = outcomeOf(response.statusCode);
      expected[principal] = row.outcomes[principal];
    }
    expect(seen).toEqual(expected);
  });
});
