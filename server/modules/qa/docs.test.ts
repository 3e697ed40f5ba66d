import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../../test/harness';

describe('QA routes in the OpenAPI document', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp('pglite', { seed: false });
  });
  afterAll(() => ctx?.close());

  it('documents every QA route', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(response.statusCode).toBe(200);
    const paths = Object.keys((response.json() as { paths: Record<string, unknown> }).paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/scorecards',
        '/api/scorecards/{id}',
        '/api/scorecards/{id}/versions/{version}',
        '/api/scorecards/{id}/archive',
        '/api/activities/{activityId}/evaluations',
        '/api/evaluations/{id}',
        '/api/evaluations/{id}/submit',
        '/api/evaluations/{id}/acknowledge',
        '/api/evaluations/{id}/dispute',
        '/api/evaluations/{id}/history',
        '/api/disputes',
        '/api/disputes/{id}/resolve',
        '/api/objects/{objectId}/qa-summary',
        '/api/activities/{activityId}/annotations',
        '/api/annotations/{id}',
      ]),
    );
  });
});
