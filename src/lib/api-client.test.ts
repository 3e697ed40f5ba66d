import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod/mini';
import { envelope, errorEnvelope, server } from '../test/server';
import { ApiError, apiGet, apiPost, setCsrfToken } from './api-client';

const greetingSchema = z.object({ greeting: z.string() });

async function caught(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('api client', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('unwraps the envelope and returns the validated data', async () => {
    server.use(http.get('/api/hello', () => envelope({ greeting: 'hi', extra: 'dropped by the schema' })));

    await expect(apiGet('/api/hello', greetingSchema)).resolves.toEqual({ greeting: 'hi' });
  });

  it('turns an error envelope into an ApiError with its status and description', async () => {
    server.use(
      http.get('/api/hello', () => errorEnvelope(429, 'Too many requests. Try again in 30 seconds.')),
    );

    const error = await caught(apiGet('/api/hello', greetingSchema));

    expect(error).toMatchObject({
      status: 429,
      description: 'Too many requests. Try again in 30 seconds.',
      message: 'Too many requests. Try again in 30 seconds.',
      kind: 'http',
    });
  });

  it('describes an error answer that carries no envelope', async () => {
    server.use(http.get('/api/hello', () => new HttpResponse('<html>Bad gateway</html>', { status: 502 })));

    const error = await caught(apiGet('/api/hello', greetingSchema));

    expect(error.status).toBe(502);
    expect(error.kind).toBe('http');
    expect(error.description).toMatch(/could not complete the request \(502/);
  });

  it('reports a network failure as status 0, "Cannot reach the server"', async () => {
    server.use(http.get('/api/hello', () => HttpResponse.error()));

    const error = await caught(apiGet('/api/hello', greetingSchema));

    expect(error).toMatchObject({ status: 0, kind: 'network' });
    expect(error.description).toMatch(/^Cannot reach the server/);
  });

  it('rejects data that does not match the schema', async () => {
    server.use(http.get('/api/hello', () => envelope({ greeting: 42 })));

    const error = await caught(apiGet('/api/hello', greetingSchema));

    expect(error).toMatchObject({ status: 200, kind: 'invalid-response' });
    expect(error.description).toMatch(/does not understand/);
  });

  it('rejects a 200 answer without an envelope', async () => {
    server.use(http.get('/api/hello', () => HttpResponse.json({ greeting: 'hi' })));

    const error = await caught(apiGet('/api/hello', greetingSchema));

    expect(error.kind).toBe('invalid-response');
  });

  it('sends JSON with the CSRF token on POST, and no token on GET', async () => {
    const seen: { method: string; csrf: string | null; contentType: string | null; body: unknown }[] = [];
    const record = async ({ request }: { request: Request }) => {
      seen.push({
        method: request.method,
        csrf: request.headers.get('X-CSRF-Token'),
        contentType: request.headers.get('Content-Type'),
        body: request.method === 'POST' ? await request.json() : undefined,
      });
      return envelope({ greeting: 'ok' });
    };
    server.use(http.get('/api/hello', record), http.post('/api/hello', record));

    setCsrfToken('token-123');
    await apiGet('/api/hello', greetingSchema);
    await apiPost('/api/hello', { name: 'Quinn' }, greetingSchema);

    expect(seen).toEqual([
      { method: 'GET', csrf: null, contentType: null, body: undefined },
      { method: 'POST', csrf: 'token-123', contentType: 'application/json', body: { name: 'Quinn' } },
    ]);
  });

  it('sends no CSRF header once the token is forgotten, and no body when there is none', async () => {
    let request: Request | undefined;
    server.use(
      http.post('/api/auth/logout', (info) => {
        request = info.request;
        return envelope(null);
      }),
    );

    setCsrfToken('token-123');
    setCsrfToken(null);
    await apiPost('/api/auth/logout', undefined, z.null());

    expect(request?.headers.get('X-CSRF-Token')).toBeNull();
    expect(request?.headers.get('Content-Type')).toBeNull();
    expect(await request?.text()).toBe('');
  });

  it('includes cookies', async () => {
    let credentials: RequestCredentials | undefined;
    server.use(
      http.get('/api/hello', ({ request }) => {
        credentials = request.credentials;
        return envelope({ greeting: 'hi' });
      }),
    );

    await apiGet('/api/hello', greetingSchema);

    expect(credentials).toBe('include');
  });

  it('calls the configured API base URL', async () => {
    vi.stubEnv('VITE_API_BASE_URL', 'https://commbox.example/');
    server.use(http.get('https://commbox.example/api/hello', () => envelope({ greeting: 'from afar' })));

    await expect(apiGet('/api/hello', greetingSchema)).resolves.toEqual({ greeting: 'from afar' });
  });

  it('passes a cancellation through untouched', async () => {
    server.use(http.get('/api/hello', () => new Promise<never>(() => {})));
    const controller = new AbortController();

    const pending = apiGet('/api/hello', greetingSchema, { signal: controller.signal });
    controller.abort();

    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });
});
