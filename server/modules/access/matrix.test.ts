// The access matrix: every role × every API endpoint, from one table. A route in the OpenAPI document
// without a row here fails the test, so no endpoint lands without its access rules written down.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_MATRIX, type Outcome } from '../../test/access-matrix';
import { createApiWorld, PRINCIPALS, type ApiWorld } from '../../test/api-fixtures';
import { databaseKinds } from '../../test/harness';

function outcomeOf(status: number): Outcome | 'anonymous' {
  if (status === 401) return 'anonymous';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'hidden';
  return 'ok';
}

describe.each(databaseKinds())('the access matrix on %s', (kind) => {
  let world: ApiWorld;
  beforeAll(async () => {
    world = await createApiWorld(kind);
  });
  afterAll(() => world?.ctx.close());

  it('has a row for every operation in the OpenAPI document', async () => {
    const document = (await world.ctx.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
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
    const anonymous = await world.call(method, await row.request(world.fx), null);
    expect(outcomeOf(anonymous.statusCode)).toBe(row.public ? 'ok' : 'anonymous');

    const seen: Record<string, string> = {};
    const expected: Record<string, string> = {};
    for (const principal of PRINCIPALS) {
      const response = await world.call(method, await row.request(world.fx), principal);
      expect(response.statusCode, `${principal}: ${response.body}`).toBeLessThan(500);
      seen[principal] = outcomeOf(response.statusCode);
      expected[principal] = row.outcomes[principal];
    }
    expect(seen).toEqual(expected);
  });
});
