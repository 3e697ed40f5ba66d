// The access matrix's table: for every API operation, a request that reaches it with the fixtures and
// what each principal must get. server/modules/access/matrix.test.ts checks it; the fuzz suite starts
// from its requests.
import { randomBytes } from 'node:crypto';
import { PRINCIPALS, SCORECARD_BODY, type ApiRequest, type Fixtures, type Principal } from './api-fixtures';

/** What the access model decided, as a client sees it: 404 hidden, 403 forbidden, 401 anonymous, else ok. */
export type Outcome = 'ok' | 'hidden' | 'forbidden';

export interface Row {
  request(fx: Fixtures): Promise<ApiRequest>;
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

/** Only administrators (users and teams): everyone else is refused. */
const adminsOnly = expectOutcomes({
  ok: ['admin'],
  forbidden: PRINCIPALS.filter((principal) => principal !== 'admin'),
});
const unique = (prefix: string) => `${prefix}-${randomBytes(6).toString('hex')}`;
/** Who sees trainer's playlist: its team's managers and admins, and its assignee Dana. */
const playlistEditors = expectOutcomes({ ok: reviewerOfDana, forbidden: ['agent'] });
const playlistManagers = expectOutcomes({
  ok: ['admin', 'qa', 'trainer', 'outsider'],
  forbidden: ['supervisor', 'agent', 'agent2'],
});

const get = (url: (fx: Fixtures) => string) => async (fx: Fixtures) => ({ url: url(fx) });
const send =
  (url: (fx: Fixtures) => string, payload: (fx: Fixtures) => unknown = () => ({})) =>
  async (fx: Fixtures) => ({ url: url(fx), payload: payload(fx) });

export const ACCESS_MATRIX: Record<string, Row> = {
  'POST /api/auth/login': {
    public: true,
    request: send(
      () => '/api/auth/login',
      () => ({ username: 'trainer', password: 'tapeline' }),
    ),
    outcomes: everyone,
  },
  'GET /api/auth/options': { public: true, request: get(() => '/api/auth/options'), outcomes: everyone },
  'POST /api/auth/logout': { request: send(() => '/api/auth/logout'), outcomes: everyone },
  'GET /api/me': { request: get(() => '/api/me'), outcomes: everyone },
  'PUT /api/me/password': {
    // A wrong current password: 400 once access is granted, so no password changes.
    request: send(
      () => '/api/me/password',
      () => ({ currentPassword: 'not-the-password', newPassword: 'a long new password' }),
    ),
    outcomes: everyone,
  },
  'GET /api/me/api-keys': { request: get(() => '/api/me/api-keys'), outcomes: everyone },
  'POST /api/me/api-keys': {
    request: send(
      () => '/api/me/api-keys',
      () => ({ name: 'matrix' }),
    ),
    outcomes: everyone,
  },
  'DELETE /api/me/api-keys/{id}': {
    // Only its owner sees a key: to anyone else it is as missing as an unknown one.
    request: get((fx) => `/api/me/api-keys/${fx.agentSpareKey}`),
    outcomes: expectOutcomes({ ok: ['agent'] }),
  },
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

  'POST /api/objects': {
    // Idempotent on externalId: the first create answers 201, every other 200.
    request: send(
      () => '/api/objects',
      (fx) => ({ externalId: 'matrix-object', title: 'Matrix', team: fx.agentTeam, agent: 'agent' }),
    ),
    // agent2 may create conversations, but only their own.
    outcomes: expectOutcomes({
      ok: ['admin', 'agent'],
      forbidden: ['qa', 'trainer', 'supervisor', 'agent2', 'outsider'],
    }),
  },
  'PATCH /api/objects/{objectId}': {
    // An empty change: allowed callers get 200 and nothing changes.
    request: send((fx) => `/api/objects/${fx.agentObject}`),
    outcomes: expectOutcomes({ ok: ['admin'], forbidden: ['qa', 'trainer', 'agent'] }),
  },

  'GET /api/users': { request: get(() => '/api/users'), outcomes: adminsOnly },
  'POST /api/users': {
    request: send(
      () => '/api/users',
      () => ({ username: unique('matrix'), firstName: 'Matrix', lastName: 'User', role: 'trainer' }),
    ),
    outcomes: adminsOnly,
  },
  'PATCH /api/users/{id}': {
    request: send(
      (fx) => `/api/users/${fx.user}`,
      () => ({ firstName: 'Matrix' }),
    ),
    outcomes: adminsOnly,
  },
  'POST /api/users/{id}/api-keys': {
    request: send((fx) => `/api/users/${fx.user}/api-keys`),
    outcomes: adminsOnly,
  },
  'GET /api/teams': { request: get(() => '/api/teams'), outcomes: adminsOnly },
  'POST /api/teams': {
    request: send(
      () => '/api/teams',
      () => ({ name: unique('Matrix') }),
    ),
    outcomes: adminsOnly,
  },
  'POST /api/setup': {
    // The demo has an administrator: a live setup link is refused with 409 and stays unused.
    public: true,
    request: send(
      () => '/api/setup',
      (fx) => ({
        token: fx.setupToken,
        username: 'matrix-admin',
        firstName: 'Matrix',
        lastName: 'Admin',
        password: 'a long enough password',
      }),
    ),
    outcomes: everyone,
  },
  'POST /api/set-password': {
    public: true,
    request: async (fx) => ({
      url: '/api/set-password',
      payload: { token: await fx.newSetPasswordToken(), password: 'a long enough password' },
    }),
    outcomes: everyone,
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

  'POST /api/objects/{objectId}/calls': {
    request: send((fx) => `/api/objects/${fx.agentObject}/calls`),
    outcomes: expectOutcomes({ ok: ['admin', 'agent'], forbidden: ['qa', 'trainer'] }),
  },
  'GET /api/calls/{id}': {
    // Dana's call: only its host hosts it; admins and Dana's reviewers see the conversation, not the call.
    request: get((fx) => `/api/calls/${fx.call}`),
    outcomes: expectOutcomes({ ok: ['agent'], forbidden: ['admin', 'qa', 'trainer'] }),
  },
  'POST /api/calls/join': {
    // The guest link is the credential: the first use joins, every later one is 410 (refused, not hidden).
    public: true,
    request: send(
      () => '/api/calls/join',
      (fx) => ({ token: fx.callToken }),
    ),
    outcomes: everyone,
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
      () => SCORECARD_BODY,
    ),
    outcomes: scorecardManagers,
  },
  'PUT /api/scorecards/{id}': {
    // A stale version: 409 once access is granted, so the scorecard does not change.
    request: send(
      (fx) => `/api/scorecards/${fx.scorecard}`,
      (fx) => ({ ...SCORECARD_BODY, version: fx.scorecardVersion + 1 }),
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

  'GET /api/search/recordings': {
    request: get(() => '/api/search/recordings?q=note&agent=agent&facets=true&limit=5'),
    outcomes: everyone,
  },
  'GET /api/search/saved': { request: get(() => '/api/search/saved'), outcomes: everyone },
  'POST /api/search/saved': {
    request: send(
      () => '/api/search/saved',
      () => ({ name: 'Matrix', query: 'q=refund&sort=newest' }),
    ),
    outcomes: everyone,
  },
  'POST /api/search/saved/{id}/opened': {
    // The supervisor's own saved search: nobody else even sees it.
    request: send((fx) => `/api/search/saved/${fx.savedSearch}/opened`),
    outcomes: expectOutcomes({ ok: ['supervisor'] }),
  },
  'DELETE /api/search/saved/{id}': {
    request: async (fx) => ({ url: `/api/search/saved/${await fx.newSavedSearch()}` }),
    outcomes: expectOutcomes({ ok: ['supervisor'] }),
  },
  'GET /api/playlists': { request: get(() => '/api/playlists'), outcomes: everyone },
  'POST /api/playlists': {
    request: send(
      () => '/api/playlists',
      () => ({ title: 'Matrix' }),
    ),
    outcomes: playlistManagers,
  },
  'GET /api/playlists/{id}': {
    request: get((fx) => `/api/playlists/${fx.playlist}`),
    outcomes: expectOutcomes({ ok: seeDanasCall }),
  },
  'PATCH /api/playlists/{id}': {
    request: send(
      (fx) => `/api/playlists/${fx.playlist}`,
      () => ({ description: 'matrix, edited' }),
    ),
    outcomes: playlistEditors,
  },
  'DELETE /api/playlists/{id}': {
    request: async (fx) => ({ url: `/api/playlists/${await fx.newPlaylist()}` }),
    outcomes: playlistEditors,
  },
  'POST /api/playlists/{id}/items': {
    request: send(
      (fx) => `/api/playlists/${fx.playlist}/items`,
      (fx) => ({ activityId: fx.recording, startSeconds: 1, endSeconds: 2 }),
    ),
    outcomes: playlistEditors,
  },
  'PUT /api/playlists/{id}/items/order': {
    // A stale order (none of the clips): 409 once access is granted, so the order does not change.
    request: send(
      (fx) => `/api/playlists/${fx.playlist}/items/order`,
      () => ({ itemIds: [] }),
    ),
    outcomes: playlistEditors,
  },
  'PATCH /api/playlists/{id}/items/{itemId}': {
    request: send(
      (fx) => `/api/playlists/${fx.playlist}/items/${fx.playlistItem}`,
      () => ({ note: 'matrix' }),
    ),
    outcomes: playlistEditors,
  },
  'DELETE /api/playlists/{id}/items/{itemId}': {
    request: async (fx) => ({ url: `/api/playlists/${fx.playlist}/items/${await fx.newPlaylistItem()}` }),
    outcomes: playlistEditors,
  },
  'POST /api/playlists/{id}/assignments': {
    request: send(
      (fx) => `/api/playlists/${fx.playlist}/assignments`,
      () => ({ usernames: ['agent'] }),
    ),
    outcomes: playlistEditors,
  },
  'GET /api/playlists/{id}/assignments': {
    request: get((fx) => `/api/playlists/${fx.playlist}/assignments`),
    outcomes: playlistEditors,
  },
  'PUT /api/playlists/{id}/items/{itemId}/progress': {
    request: send(
      (fx) => `/api/playlists/${fx.playlist}/items/${fx.playlistItem}/progress`,
      () => ({ playedRanges: [[0, 1]] }),
    ),
    outcomes: expectOutcomes({ ok: ['agent'], forbidden: reviewerOfDana }),
  },
  'POST /api/playlists/{id}/items/{itemId}/plays': {
    // Whoever sees the playlist, as GET does: its assignee Dana as well as its team's managers.
    request: send(
      (fx) => `/api/playlists/${fx.playlist}/items/${fx.playlistItem}/plays`,
      () => ({ playSession: unique('matrix') }),
    ),
    outcomes: expectOutcomes({ ok: seeDanasCall }),
  },
  'GET /api/me/training': { request: get(() => '/api/me/training'), outcomes: everyone },
  'POST /api/activities/{activityId}/views': {
    request: send((fx) => `/api/activities/${fx.recording}/views`),
    outcomes: expectOutcomes({ ok: seeDanasCall }),
  },
  'POST /api/activities/{activityId}/plays': {
    request: send(
      (fx) => `/api/activities/${fx.recording}/plays`,
      () => ({ playSession: unique('matrix') }),
    ),
    outcomes: expectOutcomes({ ok: seeDanasCall }),
  },
  'GET /api/activities/{activityId}/download': {
    request: get((fx) => `/api/activities/${fx.recording}/download`),
    outcomes: expectOutcomes({ ok: seeDanasCall }),
  },
  'GET /api/audit': { request: get(() => '/api/audit?limit=5'), outcomes: adminsOnly },
  'GET /api/audit.csv': { request: get(() => '/api/audit.csv?action=hold.set'), outcomes: adminsOnly },
  'POST /api/holds': {
    request: send(
      () => '/api/holds',
      (fx) => ({ activityId: fx.recording, reason: 'matrix' }),
    ),
    outcomes: adminsOnly,
  },
  'GET /api/holds': { request: get(() => '/api/holds'), outcomes: adminsOnly },
  'DELETE /api/holds/{id}': {
    request: async (fx) => ({ url: `/api/holds/${await fx.newHold()}` }),
    outcomes: adminsOnly,
  },
  'DELETE /api/activities/{activityId}': {
    // Dana's recording is held: 409 naming the hold once access is granted, so nothing is deleted.
    request: get((fx) => `/api/activities/${fx.recording}?reason=matrix`),
    outcomes: expectOutcomes({ ok: ['admin'], forbidden: ['qa', 'trainer', 'agent'] }),
  },
  'GET /api/retention': { request: get(() => '/api/retention'), outcomes: adminsOnly },
  'PUT /api/teams/{id}/retention': {
    request: send(
      (fx) => `/api/teams/${fx.agentTeam}/retention`,
      () => ({ days: null }),
    ),
    outcomes: adminsOnly,
  },
  'POST /api/retention/run': { request: send(() => '/api/retention/run'), outcomes: adminsOnly },
};
