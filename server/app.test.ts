import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from './test/harness';

describe('the application shell', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestApp('pglite', { seed: false });
  });
  afterAll(() => ctx?.close());

  it('publishes an OpenAPI document generated from the route schemas', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(response.statusCode).toBe(200);
    const document = response.json() as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/objects',
        '/api/objects/{objectId}/activities',
        '/api/auth/login',
        '/api/me',
      ]),
    );
    const parameters = (
      document.paths['/api/objects/{objectId}/activities']!.get as { parameters: { name: string }[] }
    ).parameters;
    expect(parameters.map((p) => p.name)).toEqual(
      expect.arrayContaining(['objectId', 'activityType', 'limit', 'cursor']),
    );
  });

  it('sends security headers', async () => {
    const response = await ctx.app.inject({ method: 'GET', url: '/api/me' });
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['strict-transport-security']).toBeDefined();
  });
});
