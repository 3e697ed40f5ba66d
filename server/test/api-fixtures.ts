// The demo app with an API key for every kind of caller and a fixture of each kind of resource, for the
// tests that walk every operation (the access matrix, the fuzz suite).
import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { authService } from '../modules/auth/service';
import { hashToken } from '../modules/auth/tokens';
import { submitEvaluation } from './evaluations';
import { createTestApp, type DatabaseKind, type TestContext } from './harness';

/** Every kind of caller: the demo users, and a QA manager of a team with no conversations. */
export const PRINCIPALS = ['admin', 'qa', 'trainer', 'supervisor', 'agent', 'agent2', 'outsider'] as const;
export type Principal = (typeof PRINCIPALS)[number];

export interface ApiRequest {
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
}

export interface Fixtures {
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
  /** A saved search of the supervisor's, and a way to make a fresh one. */
  savedSearch: string;
  newSavedSearch(): Promise<string>;
  /** trainer's playlist with one clip of Dana's recording, assigned to Dana; and ways to make fresh ones. */
  playlist: string;
  playlistItem: string;
  newPlaylist(): Promise<string>;
  newPlaylistItem(): Promise<string>;
  /** A fresh legal hold (by admin, on Sam's conversation) each call; Dana's `recording` is held for good. */
  newHold(): Promise<string>;
  scorecardToArchive: string;
  /** The team of Dana's conversation. */
  agentTeam: string;
  /** A user for the administrators' PATCH. */
  user: string;
  /** A live setup link's token (refused with 409 while the demo has an administrator). */
  setupToken: string;
  /** A fresh set-password link's token, for a fresh user. */
  newSetPasswordToken(): Promise<string>;
  /** A call Dana (agent) started on her conversation, and the token of its guest link. */
  call: string;
  callToken: string;
  /** A spare API key of Dana's (agent's), not the one the matrix calls with. */
  agentSpareKey: string;
}

export const SCORECARD_BODY = {
  name: 'Matrix',
  sections: [
    {
      title: 'One',
      criteria: [{ title: 'Greets', scale: '3', weight: 1 }],
    },
  ],
};

export interface ApiWorld {
  ctx: TestContext;
  fx: Fixtures;
  keys: Record<Principal, string>;
  call(method: string, request: ApiRequest, as: Principal | null): Promise<LightMyRequestResponse>;
}

/** Builds the app for `kind` with the principals' keys and the fixtures; close `world.ctx` afterwards. */
export async function createApiWorld(kind: DatabaseKind): Promise<ApiWorld> {
  const keys = {} as Record<Principal, string>;
  const fx = {} as Fixtures;
  const ctx = await createTestApp(kind);
  async function call(method: string, request: ApiRequest, as: Principal | null) {
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
  fx.agentSpareKey = (await auth.createApiKey('agent', 'spare'))!.id;

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
  const started = await ok<{ id: string; guestUrl: string }>(
    'POST',
    `/api/objects/${fx.agentObject}/calls`,
    'agent',
  );
  fx.call = started.id;
  fx.callToken = started.guestUrl.split('/join/')[1]!;

  const scorecards = await ok<{ id: string; currentVersion: number; sections: unknown[] }[]>(
    'GET',
    '/api/scorecards',
    'qa',
  );
  const scorecard = scorecards[0]!;
  fx.scorecard = scorecard.id;
  fx.scorecardVersion = scorecard.currentVersion;
  fx.scorecardToArchive = (await ok<{ id: string }>('POST', '/api/scorecards', 'qa', SCORECARD_BODY)).id;

  // qa evaluates Dana's recording and submits it; Dana disputes; qa starts a second, draft evaluation.
  const evaluation = await submitEvaluation(
    (method, url, payload) => call(method, { url, payload }, 'qa'),
    fx.recording,
    fx.scorecard,
  );
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

  fx.agentTeam = (
    await ctx.db.query<{ id: string }>('select team_id::text as id from objects where id = $1', [
      fx.agentObject,
    ])
  ).rows[0]!.id;
  const newUser = () =>
    ok<{ id: string; setPasswordUrl: string }>('POST', '/api/users', 'admin', {
      username: `matrix-${randomBytes(6).toString('hex')}`,
      firstName: 'Matrix',
      lastName: 'User',
      role: 'agent',
      teams: [fx.agentTeam],
    });
  fx.user = (await newUser()).id;
  fx.newSetPasswordToken = async () => (await newUser()).setPasswordUrl.split('/').pop()!;
  fx.setupToken = randomBytes(16).toString('base64url');
  await ctx.db.query(`insert into one_time_links (token_hash, purpose) values ($1, 'setup')`, [
    hashToken(fx.setupToken),
  ]);
  fx.newSavedSearch = async () =>
    (await ok<{ id: string }>('POST', '/api/search/saved', 'supervisor', { name: 'Mine', query: 'q=refund' }))
      .id;
  fx.savedSearch = await fx.newSavedSearch();
  fx.newPlaylist = async () => {
    const playlist = await ok<{ id: string }>('POST', '/api/playlists', 'trainer', { title: 'Matrix' });
    await ok('POST', `/api/playlists/${playlist.id}/assignments`, 'trainer', { usernames: ['agent'] });
    return playlist.id;
  };
  fx.playlist = await fx.newPlaylist();
  fx.newPlaylistItem = async () =>
    (
      await ok<{ id: string }>('POST', `/api/playlists/${fx.playlist}/items`, 'trainer', {
        activityId: fx.recording,
        startSeconds: 0,
        endSeconds: 2,
      })
    ).id;
  fx.playlistItem = await fx.newPlaylistItem();
  fx.newHold = async () =>
    (await ok<{ id: string }>('POST', '/api/holds', 'admin', { objectId: fx.agent2Object, reason: 'matrix' }))
      .id;
  // Held, so that deleting it answers 409 and the fixtures stay whole.
  await ok('POST', '/api/holds', 'admin', { activityId: fx.recording, reason: 'matrix fixture' });
  return { ctx, fx, keys, call };
}
