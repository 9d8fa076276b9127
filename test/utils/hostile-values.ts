import fc from 'fast-check';

/** The part of an OpenAPI 3.0 schema (as zod writes it) the generator reads. */
export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
}

/** Strings PostgreSQL, JSON, JavaScript numbers or a careless parser trip over. */
const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfff',
  '\udc00\ud800',
  '\u202eevil\u202c',
  '\u200f\u200e\u2066',
  '\ufeff',
  'e\u0301\u0301\u0301',
  '😀🇨🇳👩‍🌾',
  '𠜎𠜱𠝹',
  'NaN',
  'Infinity',
  '-Infinity',
  '-1',
  '1e309',
  '0x1F',
  '０１２３',
  '9'.repeat(40),
  "'; DROP TABLE users; --",
  '%00%ff',
  '{"$gt": ""}',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  'x'.repeat(100_000),
  '田'.repeat(20_000),
  '2026-02-30',
  '0000-00-00',
  '99999-12-31',
];

const HOSTILE_NUMBERS = [
  0,
  -0,
  -1,
  0.5,
  1.5,
  -0.0001,
  1e-300,
  2 ** 31,
  2 ** 53 + 2,
  2 ** 63,
  1e308,
  -1e308,
  Number.MAX_VALUE,
  Number.MIN_SAFE_INTEGER,
];

const hostileScalar: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.constantFrom(...HOSTILE_NUMBERS),
  fc.constantFrom(null, true, false, [], {}, [[[[[]]]]], { a: { b: { c: {} } } }, [null], ['\u0000']),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.double(),
);

const freshEmail = fc.uuid().map((u) => `farmer-${u.slice(0, 8)}@furrow.test`);

/** Plausible values of fields whose schema says too little (a refine, a transform) to generate them. */
const SAMPLES: Record<string, fc.Arbitrary<unknown>> = {
  email: freshEmail,
  password: fc.constantFrom('correct-horse-12', 'mango-season-2026'),
  phone: fc.constantFrom('13800138000', '+8613800138000', '15907760002'),
  contactPhone: fc.constantFrom('13907760001', '+8613907760001'),
  countyCode: fc.constantFrom('440106', '451003', '433125'),
  originCountyCode: fc.constantFrom('451003', '433125'),
  accountId: fc.constantFrom('acct_1234567890', 'acct_ABCDEFGH'),
  code: fc.constantFrom('123456', '000000'),
  trackingNumber: fc.constantFrom('SF1234567890123', 'JD0099887766'),
  currency: fc.constantFrom('CNY'),
};

/**
 * A request body for `schema`: mostly a plausible body (so the request gets past the first
 * check and into the service) with one thing made hostile: a value replaced by a hostile
 * one, a field removed, or an unknown field added; sometimes the plausible body as it is,
 * sometimes no object at all. `ids` are real resource ids offered wherever a uuid is expected.
 */
export function hostileBody(schema: JsonSchema, ids: string[]): fc.Arbitrary<unknown> {
  const body = plausible(schema, '', ids, 0);
  const mutated = fc
    .tuple(body, fc.nat(), fc.constantFrom('replace', 'replace', 'remove', 'add'), hostileScalar, unknownKey)
    .map(([value, pick, how, hostile, key]) => mutate(value, pick, how, hostile, key));
  return fc.oneof(
    { weight: 7, arbitrary: mutated },
    { weight: 2, arbitrary: body },
    { weight: 1, arbitrary: hostileScalar },
  );
}

const unknownKey = fc.constantFrom('extra', 'id', 'status', 'constructor', 'sellerId', 'role', 'a\u0000', '\ud800');

type Mutation = 'replace' | 'remove' | 'add';

/** `value` with one change at the `pick`-th place inside it (the root included, for an added field). */
function mutate(value: unknown, pick: number, how: Mutation, hostile: unknown, key: string): unknown {
  const copy = structuredClone(value);
  const places: Array<{ parent: Record<string, unknown> | unknown[]; key: string | number }> = [];
  const visit = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    const container = node as Record<string, unknown>;
    for (const k of Object.keys(container)) {
      places.push({ parent: container, key: Array.isArray(node) ? Number(k) : k });
      visit(container[k]);
    }
  };
  visit(copy);
  if (how === 'add' || places.length === 0) {
    const objects = [copy, ...places.map((p) => (p.parent as Record<string, unknown>)[p.key as never])].filter(
      (o): o is Record<string, unknown> => Boolean(o) && typeof o === 'object' && !Array.isArray(o),
    );
    if (objects.length === 0) return hostile;
    objects[pick % objects.length][key] = hostile;
    return copy;
  }
  const place = places[pick % places.length];
  if (how === 'remove' && !Array.isArray(place.parent)) delete place.parent[place.key as string];
  else (place.parent as Record<string | number, unknown>)[place.key] = hostile;
  return copy;
}

function plausible(schema: JsonSchema, name: string, ids: string[], depth: number): fc.Arbitrary<unknown> {
  const branches = schema.oneOf ?? schema.anyOf;
  if (branches) return fc.oneof(...branches.map((b) => plausible(b, name, ids, depth)));
  if (schema.allOf?.length) return plausible(schema.allOf[0], name, ids, depth);
  if (schema.nullable) {
    return fc.oneof(fc.constant(null), plausible({ ...schema, nullable: false }, name, ids, depth));
  }
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if (SAMPLES[name]) return SAMPLES[name];
  switch (schema.type) {
    case 'object':
      return objectOf(schema, ids, depth);
    case 'array':
      return fc.array(depth > 4 ? hostileScalar : plausible(schema.items ?? {}, name, ids, depth + 1), {
        minLength: Math.min(schema.minItems ?? 0, 3),
        maxLength: Math.min(schema.maxItems ?? 3, 3),
      });
    case 'integer': {
      const min = bound(schema.minimum, 0);
      return fc.oneof(
        fc.integer({ min, max: Math.max(min, bound(schema.maximum, 100_000)) }),
        fc.constantFrom(schema.minimum ?? 0, schema.maximum ?? 1),
      );
    }
    case 'number':
      return fc.double({ min: schema.minimum ?? 0, max: schema.maximum ?? 1e6, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'string':
      return stringOf(schema, ids);
    default:
      return hostileScalar;
  }
}

function objectOf(schema: JsonSchema, ids: string[], depth: number): fc.Arbitrary<unknown> {
  const required = new Set(schema.required ?? []);
  const fields = Object.entries(schema.properties ?? {}).map(([key, field]) =>
    fc.tuple(fc.constant(key), plausible(field, key, ids, depth + 1), fc.boolean()),
  );
  // Required fields always; each optional one half the time.
  return fc
    .tuple(...fields)
    .map((chosen) =>
      Object.fromEntries(chosen.filter(([key, , keep]) => required.has(key) || keep).map(([key, v]) => [key, v])),
    );
}

function stringOf(schema: JsonSchema, ids: string[]): fc.Arbitrary<unknown> {
  if (schema.format === 'uuid') return fc.oneof(fc.constantFrom(...ids), fc.uuid());
  if (schema.format === 'date') return fc.constantFrom('2026-07-01', '2026-12-31', '1900-01-01');
  if (schema.format === 'email') return freshEmail;
  if (schema.pattern === '^\\d{6}$') return fc.constantFrom('451003', '440106', '999999', '451001');
  const max = Math.min(schema.maxLength ?? 40, 40);
  const min = Math.min(schema.minLength ?? 0, max);
  return fc.oneof(
    fc.string({ minLength: Math.max(min, 1), maxLength: Math.max(max, 1) }),
    fc.string({ unit: 'grapheme', minLength: Math.max(min, 1), maxLength: Math.max(max, 1) }),
    fc.constantFrom('田阳桂七芒果', '保靖黄金茶'),
  );
}

const bound = (limit: number | undefined, fallback: number) =>
  limit === undefined ? fallback : Math.max(Math.min(limit, 2_000_000_000), -2_000_000_000);
