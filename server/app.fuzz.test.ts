// The fuzz suite: every operation in the OpenAPI document, fed hostile path parameters, query strings,
// bodies, content types and headers, by several principals. Whatever arrives, the answer is never a 5xx.
// FUZZ_RUNS scales it (`npm run fuzz` runs 300 cases per operation; `npm test` runs a quick pass).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_MATRIX } from './test/access-matrix';
import { createApiWorld, type ApiRequest, type ApiWorld, type Principal } from './test/api-fixtures';
import { databaseKinds } from './test/harness';
import { HOSTILE_STRINGS, schemaArbitrary, type JsonSchema } from './test/schema-arbitrary';

const RUNS = Number(process.env.FUZZ_RUNS ?? 12);

interface Operation {
  parameters?: { in: 'path' | 'query' | 'header'; name: string; required?: boolean; schema: JsonSchema }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}

const HOSTILE_CONTENT_TYPES = [
  'application/json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=utf-16',
  'video/webm',
  'application/octet-stream',
  '\u00ff/\u00ff',
  '',
];

/** A Content-Range for the upload route: well formed, misordered, huge, or garbage. */
const contentRange = fc.oneof(
  fc
    .tuple(fc.nat(2 ** 40), fc.nat(2 ** 20), fc.oneof(fc.constant('*'), fc.nat(2 ** 45).map(String)))
    .map(([start, length, total]) => `bytes ${start}-${start + length}/${total}`),
  fc.constantFrom(
    'bytes 5-1/*',
    'bytes -1-2/*',
    'bytes 0-0/0',
    'bytes 0-999999999999999999/*',
    'items 0-1/2',
  ),
  fc.string({ unit: 'binary', maxLength: 30 }),
);

/**
 * Percent-encodes text for a URL; a lone surrogate, which UTF-8 cannot encode, goes out as its WTF-8
 * bytes (`%ED%A0%80`): exactly the malformed input a hostile client can send.
 */
function encodeHostile(value: string): string {
  return [...value]
    .map((char) => {
      try {
        return encodeURIComponent(char);
      } catch {
        const code = char.charCodeAt(0);
        return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
          .map((byte) => `%${byte.toString(16).toUpperCase()}`)
          .join('');
      }
    })
    .join('');
}

/** The path of `template` (`/api/x/{id}`) with each parameter from `valid` (a fixture's) or generated. */
function pathArbitrary(template: string, validUrl: string, operation: Operation) {
  const names = [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
  const validPath = validUrl.split('?')[0]!.split('/');
  const templatePath = template.split('/');
  const validValues = Object.fromEntries(
    templatePath.flatMap((segment, index) =>
      segment.startsWith('{') ? [[segment.slice(1, -1), validPath[index] ?? '1']] : [],
    ),
  );
  const schemaOf = (name: string) =>
    operation.parameters?.find((p) => p.in === 'path' && p.name === name)?.schema ?? { type: 'string' };
  return fc
    .tuple(
      ...names.map((name) =>
        fc.oneof(
          { weight: 3, arbitrary: fc.constant(validValues[name]!) },
          { weight: 1, arbitrary: schemaArbitrary(schemaOf(name)).map(String) },
          { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_STRINGS, '0', '-1', '99999999999999999999') },
        ),
      ),
    )
    .map((values) =>
      names.reduce((path, name, index) => path.replace(`{${name}}`, encodeHostile(values[index]!)), template),
    );
}

function queryArbitrary(operation: Operation) {
  const parameters = (operation.parameters ?? []).filter((p) => p.in === 'query');
  return fc
    .record(Object.fromEntries(parameters.map((p) => [p.name, schemaArbitrary(p.schema).map(String)])), {
      requiredKeys: [],
    })
    .map((query) =>
      Object.entries(query as Record<string, string>)
        .map(([name, value]) => `${name}=${encodeHostile(value)}`)
        .join('&'),
    );
}

function requestArbitrary(method: string, template: string, validUrl: string, operation: Operation) {
  const bodySchema = operation.requestBody?.content['application/json']?.schema;
  const takesMedia = method === 'PUT' && !bodySchema;
  const body: fc.Arbitrary<Pick<ApiRequest, 'payload' | 'headers'>> = takesMedia
    ? fc
        .record({
          bytes: fc.uint8Array({ maxLength: 256 }),
          type: fc.constantFrom(...HOSTILE_CONTENT_TYPES),
          range: contentRange,
        })
        .map(({ bytes, type, range }) => ({
          payload: Buffer.from(bytes),
          headers: { 'content-type': type, 'content-range': range },
        }))
    : bodySchema
      ? fc.oneof(
          { weight: 4, arbitrary: schemaArbitrary(bodySchema).map((payload) => ({ payload })) },
          {
            weight: 1,
            arbitrary: fc
              .record({
                raw: fc.string({ unit: 'binary', maxLength: 60 }),
                type: fc.constantFrom(...HOSTILE_CONTENT_TYPES),
              })
              .map(({ raw, type }) => ({ payload: raw, headers: { 'content-type': type } })),
          },
        )
      : fc.constant({});
  const requestId = fc.option(
    fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.constantFrom(...HOSTILE_STRINGS)),
  );
  return fc
    .record({
      path: pathArbitrary(template, validUrl, operation),
      query: queryArbitrary(operation),
      body,
      requestId,
    })
    .map(({ path, query, body: { payload, headers }, requestId: id }): ApiRequest => ({
      url: query ? `${path}?${query}` : path,
      payload,
      headers: {
        ...headers,
        // Header values must be latin-1 for Node to send them at all; anything else is the client's error.
        ...(id !== null ? { 'x-request-id': id.replace(/[^\x20-\x7e]/g, '?') } : {}),
      },
    }));
}

describe.each(databaseKinds())('every operation with hostile input on %s', (kind) => {
  let world: ApiWorld;
  let paths: Record<string, Record<string, Operation>>;

  beforeAll(async () => {
    world = await createApiWorld(kind);
    const document = (await world.ctx.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
      paths: typeof paths;
    };
    paths = document.paths;
  });
  afterAll(() => world?.ctx.close());

  it.each(Object.keys(ACCESS_MATRIX))('%s never answers 5xx', async (key) => {
    const [method, template] = key.split(' ') as [string, string];
    const operation = paths[template]?.[method.toLowerCase()];
    expect(operation, `${key} is not in the OpenAPI document`).toBeDefined();
    const valid = await ACCESS_MATRIX[key]!.request(world.fx);
    const principals: (Principal | null)[] = ['admin', 'qa', 'agent', null];
    await fc.assert(
      fc.asyncProperty(
        requestArbitrary(method, template, valid.url, operation!),
        fc.constantFrom(...principals),
        async (request, as) => {
          const response = await world.call(method, request, as);
          expect(
            response.statusCode,
            `${method} ${request.url} as ${as}: ${response.body.slice(0, 300)}`,
          ).toBeLessThan(500);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
