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
};
