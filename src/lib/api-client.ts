// The SPA's one HTTP client: speaks the CommBox envelope, validates what it receives, and sends the CSRF token.
import * as z from 'zod/mini';
import { errorEnvelopeSchema } from '../../contract/envelope';

/**
 * - `http`: the server answered with an error status (its envelope's description when it sent one).
 * - `network`: no answer at all (offline, DNS, CORS, server down); `status` is 0.
 * - `invalid-response`: the server answered 2xx, but not with what the contract promises.
 */
export type ApiErrorKind = 'http' | 'network' | 'invalid-response';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  /** Written for a person; safe to show as is. */
  readonly description: string;
  readonly kind: ApiErrorKind;
  /** The error envelope's `data`, unvalidated: some errors carry it (a 409 sends the current copy). */
  readonly data: unknown;

  constructor(
    status: number,
    description: string,
    kind: ApiErrorKind,
    options?: { cause?: unknown; data?: unknown },
  ) {
    super(description, options);
    this.status = status;
    this.description = description;
    this.kind = kind;
    this.data = options?.data;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** What to tell a person about a failed request: the server's own words when it sent some. */
export function describeError(error: unknown): string {
  return isApiError(error) ? error.description : 'Something unexpected went wrong.';
}

let csrfToken: string | null = null;

/** The session's CSRF token, sent as `X-CSRF-Token` on every write; null forgets it (signed out). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type RequestOptions = {
  signal?: AbortSignal;
  /** Lets the request outlive the page (sent while the tab closes); the browser caps the body at 64 KB. */
  keepalive?: boolean;
};

export function apiGet<Schema extends z.core.$ZodType>(
  path: string,
  schema: Schema,
  options: RequestOptions = {},
): Promise<z.output<Schema>> {
  return request('GET', path, undefined, schema, options);
}

/** A GET whose whole envelope is validated by `schema` (for lists that carry more than `nextCursor`). */
export function apiGetEnvelope<Schema extends z.core.$ZodType>(
  path: string,
  schema: Schema,
  options: RequestOptions = {},
): Promise<z.output<Schema>> {
  return request('GET', path, undefined, schema, options, { wholeEnvelope: true });
}

export interface ApiPage<Item> {
  items: Item[];
  /** Items the contract rejected: reported, left out, never allowed to break the page. */
  rejected: { item: unknown; issues: string }[];
  /** Present when the request asked for a page (`limit`); null on the last page. */
  nextCursor: string | null;
}

/** A list endpoint, validated item by item. */
export async function apiGetList<Item extends z.core.$ZodType>(
  path: string,
  itemSchema: Item,
  options: RequestOptions = {},
): Promise<ApiPage<z.output<Item>>> {
  const page = await request('GET', path, undefined, listEnvelopeSchema, options, { wholeEnvelope: true });
  const items: z.output<Item>[] = [];
  const rejected: ApiPage<z.output<Item>>['rejected'] = [];
  for (const item of page.data) {
    const parsed = z.safeParse(itemSchema, item);
    if (parsed.success) items.push(parsed.data);
    else
      rejected.push({
        item,
        issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      });
  }
  return { items, rejected, nextCursor: page.nextCursor ?? null };
}

const listEnvelopeSchema = z.object({
  data: z.array(z.unknown()),
  nextCursor: z.optional(z.nullable(z.string())),
});

/** `body` undefined sends no body at all (a JSON content type with an empty body is a 400 on Fastify). */
export function apiPost<Schema extends z.core.$ZodType>(
  path: string,
  body: unknown,
  schema: Schema,
  options: RequestOptions = {},
): Promise<z.output<Schema>> {
  return request('POST', path, body, schema, options);
}

/** Replaces a resource; the body is sent as JSON. */
export function apiPut<Schema extends z.core.$ZodType>(
  path: string,
  body: unknown,
  schema: Schema,
  options: RequestOptions = {},
): Promise<z.output<Schema>> {
  return request('PUT', path, body, schema, options);
}

/** Changes some fields of a resource; the body is sent as JSON. */
export function apiPatch<Schema extends z.core.$ZodType>(
  path: string,
  body: unknown,
  schema: Schema,
  options: RequestOptions = {},
): Promise<z.output<Schema>> {
  return request('PATCH', path, body, schema, options);
}

export function apiDelete<Schema extends z.core.$ZodType>(
  path: string,
  schema: Schema,
  options: RequestOptions = {},
): Promise<z.output<Schema>> {
  return request('DELETE', path, undefined, schema, options);
}

async function request<Schema extends z.core.$ZodType>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body: unknown,
  schema: Schema,
  { signal, keepalive }: RequestOptions,
  { wholeEnvelope = false } = {},
): Promise<z.output<Schema>> {
  const headers = new Headers({ Accept: 'application/json' });
  if (body !== undefined) headers.set('Content-Type', 'application/json');
  if (method !== 'GET' && csrfToken) headers.set('X-CSRF-Token', csrfToken);

  let response: Response;
  try {
    response = await fetch(apiUrl(path), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'include',
      signal,
      keepalive,
    });
  } catch (error) {
    // A cancelled query is not a failure; TanStack Query expects the AbortError back.
    if (signal?.aborted) throw error;
    throw new ApiError(0, 'Cannot reach the server. Check your connection and try again.', 'network', {
      cause: error,
    });
  }

  const payload = await readJson(response);

  if (!response.ok) {
    const envelope = z.pick(errorEnvelopeSchema, { description: true }).safeParse(payload);
    const description = envelope.success
      ? envelope.data.description
      : `The server could not complete the request (${response.status}${response.statusText ? ` ${response.statusText}` : ''}). Try again in a moment.`;
    const data = isEnvelope(payload) ? payload.data : undefined;
    throw new ApiError(response.status, description, 'http', { data });
  }

  // 204 No Content (a deletion): nothing to validate; the caller's schema says what "nothing" is.
  if (response.status === 204) return z.parse(schema, null);
  if (!isEnvelope(payload)) {
    throw new ApiError(response.status, unexpectedAnswer, 'invalid-response');
  }
  const parsed = z.safeParse(schema, wholeEnvelope ? payload : payload.data);
  if (!parsed.success) {
    throw new ApiError(response.status, unexpectedAnswer, 'invalid-response', { cause: parsed.error });
  }
  return parsed.data;
}

const unexpectedAnswer =
  'The server sent an answer this app does not understand. Try again, or contact your administrator.';

/** The API's address for `path`, for what the browser itself opens (a redirect-based sign-in, a download). */
export function apiUrl(path: string): string {
  // Read on each call so tests (and a host page) can change it; trailing slashes are forgiven.
  const base = (import.meta.env.VITE_API_BASE_URL ?? '').replace(/\/+$/, '');
  return `${base}${path}`;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => '');
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isEnvelope(payload: unknown): payload is { data: unknown } {
  return typeof payload === 'object' && payload !== null && 'data' in payload;
}

/**
 * A request whose body is not JSON (media bytes) and whose answer the caller reads itself: the same
 * base URL, credentials and CSRF token as every other request. Throws ApiError `network` when there is
 * no answer at all; any HTTP status is returned.
 */
export async function apiSendRaw(
  method: 'PUT' | 'POST' | 'HEAD',
  path: string,
  body: BodyInit | undefined,
  headers: Record<string, string> = {},
): Promise<Response> {
  const all = new Headers(headers);
  if (csrfToken) all.set('X-CSRF-Token', csrfToken);
  try {
    return await fetch(apiUrl(path), { method, headers: all, body, credentials: 'include' });
  } catch (error) {
    throw new ApiError(0, 'Cannot reach the server. Check your connection and try again.', 'network', {
      cause: error,
    });
  }
}

/** The WebSocket URL of an API path, on the API's host. */
export function apiSocketUrl(path: string): string {
  const url = new URL(apiUrl(path), window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}
