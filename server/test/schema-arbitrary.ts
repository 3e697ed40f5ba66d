// fast-check arbitraries from the OpenAPI document's JSON schemas: values that mostly fit the schema (so
// they get past validation and reach the services), made of what breaks servers — NUL and unpaired
// surrogates in text, integers at and past 32-bit bounds, dates at the ends of the calendar.
import fc from 'fast-check';

export interface JsonSchema {
  type?: string | string[];
  nullable?: boolean;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: boolean | number;
  exclusiveMaximum?: boolean | number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
}

/** Strings that have broken servers: NUL, lone surrogates, direction overrides, injections, huge ones. */
export const HOSTILE_STRINGS = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfff',
  '\u202e',
  "'; drop table users; --",
  '../../../etc/passwd',
  '%00',
  '${7*7}',
  '<script>alert(1)</script>',
  ' ',
  '',
];

export const HOSTILE_INTEGERS = [0, -1, 1, 2 ** 31 - 1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 - 1, -(2 ** 53 - 1)];

export const HOSTILE_DATES = [
  '0000-01-01T00:00:00Z',
  '0001-01-01T00:00:00Z',
  '9999-12-31T23:59:59-01:00',
  '9999-12-31T23:59:59+14:00',
  '1970-01-01T00:00:00.000000001Z',
  '2026-02-29T00:00:00Z',
];

const fitLength = (value: string, schema: JsonSchema) => {
  let out = value.slice(0, schema.maxLength ?? value.length);
  while (out.length < (schema.minLength ?? 0)) out += 'x';
  return out;
};

function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  if (schema.format === 'date-time') {
    const generated = fc
      .record({
        year: fc.integer({ min: 0, max: 9999 }),
        month: fc.integer({ min: 1, max: 12 }),
        day: fc.integer({ min: 1, max: 28 }),
        offsetMinutes: fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 }),
      })
      .map(({ year, month, day, offsetMinutes }) => {
        const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');
        const sign = offsetMinutes < 0 ? '-' : '+';
        const offset = `${sign}${pad(Math.trunc(offsetMinutes / 60))}:${pad(offsetMinutes % 60)}`;
        return `${pad(year, 4)}-${pad(month)}-${pad(day)}T12:00:00${offset}`;
      });
    return fc.oneof(fc.constantFrom(...HOSTILE_DATES), generated);
  }
  if (schema.pattern) {
    return fc.oneof(
      { weight: 4, arbitrary: fc.stringMatching(new RegExp(schema.pattern)) },
      { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
    );
  }
  return fc
    .oneof(
      fc.constantFrom(...HOSTILE_STRINGS),
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.string({ maxLength: 40 }),
      fc
        .tuple(fc.string({ maxLength: 10 }), fc.constantFrom('\u0000', '\ud800', '\udc00'), fc.string())
        .map((parts) => parts.join('')),
    )
    .map((value) => fitLength(value, schema));
}

function numberArbitrary(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const low = typeof schema.minimum === 'number' ? schema.minimum : -Number.MAX_SAFE_INTEGER;
  const high = typeof schema.maximum === 'number' ? schema.maximum : Number.MAX_SAFE_INTEGER;
  const inRange = integer
    ? fc.integer({
        min: Math.ceil(Math.max(low, -(2 ** 53 - 1))),
        max: Math.floor(Math.min(high, 2 ** 53 - 1)),
      })
    : fc.double({ min: low, max: high, noNaN: true, noDefaultInfinity: true });
  const edges = integer ? HOSTILE_INTEGERS : [...HOSTILE_INTEGERS, 0.5, 1e308, -1e308, 5e-324];
  return fc.oneof({ weight: 3, arbitrary: inRange }, { weight: 1, arbitrary: fc.constantFrom(...edges) });
}

function objectArbitrary(schema: JsonSchema): fc.Arbitrary<Record<string, unknown>> {
  const required = new Set(schema.required ?? []);
  const properties = Object.entries(schema.properties ?? {});
  const known = fc.record(
    Object.fromEntries(properties.map(([name, property]) => [name, schemaArbitrary(property)])),
    { requiredKeys: properties.map(([name]) => name).filter((name) => required.has(name)) },
  );
  if (typeof schema.additionalProperties !== 'object') return known;
  const extra = fc.dictionary(
    fc.oneof(fc.constantFrom(...HOSTILE_STRINGS.filter(Boolean)), fc.string({ minLength: 1, maxLength: 10 })),
    schemaArbitrary(schema.additionalProperties),
    { maxKeys: 4 },
  );
  return fc.tuple(known, extra).map(([a, b]) => ({ ...b, ...a }));
}

/** Values for `schema`: mostly valid, sometimes not, always hostile where the schema leaves room. */
export function schemaArbitrary(schema: JsonSchema): fc.Arbitrary<unknown> {
  const nullable = schema.nullable || (Array.isArray(schema.type) && schema.type.includes('null'));
  const base = baseArbitrary(schema);
  return nullable ? fc.oneof(base, fc.constant(null)) : base;
}

function baseArbitrary(schema: JsonSchema): fc.Arbitrary<unknown> {
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (schema.const !== undefined) return fc.constant(schema.const);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map(schemaArbitrary));
  if (schema.allOf?.[0]) return schemaArbitrary(schema.allOf[0]);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'string':
      return stringArbitrary(schema);
    case 'integer':
      return numberArbitrary(schema, true);
    case 'number':
      return numberArbitrary(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(schema.items ? schemaArbitrary(schema.items) : fc.anything(), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 4, 4),
      });
    case 'object':
      return objectArbitrary(schema);
    default:
      return fc.anything({ maxDepth: 2 });
  }
}
