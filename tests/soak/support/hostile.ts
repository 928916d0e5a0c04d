import fc from 'fast-check';

/**
 * Payloads a careless or hostile caller could send a channel: wrong types, huge
 * strings, deep nesting, prototype keys, and the channel's own field names with
 * values of the wrong kind.
 */

const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty'];

function nested(depth: number, kind: 'array' | 'object'): unknown {
  let value: unknown = 'bottom';
  for (let level = 0; level < depth; level++) value = kind === 'array' ? [value] : { a: value };
  return value;
}

/** Built once: deep values are costly to build and the same few shapes test the same thing. */
const DEEP = [nested(10_000, 'array'), nested(10_000, 'object'), nested(200_000, 'array')];
/** Deep nesting as JSON text, built as text (JSON.stringify itself overflows the stack on them). */
const DEEP_JSON = [
  `${'['.repeat(200_000)}0${']'.repeat(200_000)}`,
  `${'{"a":'.repeat(50_000)}0${'}'.repeat(50_000)}`,
  `{"id":${'['.repeat(10_000)}${']'.repeat(10_000)}}`,
];
/** Objects whose own `__proto__` key is data, as JSON.parse makes them. */
const PROTO_JSON = [
  JSON.parse('{"__proto__": {"polluted": "yes"}}'),
  JSON.parse('{"constructor": {"prototype": {"polluted": "yes"}}}'),
  JSON.parse('{"id": "x", "__proto__": {"id": "y", "polluted": "yes"}}'),
];

const hugeString = fc
  .tuple(fc.integer({ min: 10_000, max: 1_000_000 }), fc.constantFrom('x', 'é', '\u0000', '💥', '<b>', '\u202e', ' '))
  .map(([length, unit]) => unit.repeat(Math.ceil(length / unit.length)));

const anything = fc.anything({
  maxDepth: 3,
  maxKeys: 6,
  withNullPrototype: true,
  withObjectString: true,
  withBigInt: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withTypedArray: true,
  withSparseArray: true,
  withUnicodeString: true,
});

function values(): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 6, arbitrary: anything },
    { weight: 1, arbitrary: hugeString },
    { weight: 1, arbitrary: fc.constantFrom(...DEEP) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '',
        ' ',
        '2015-02-31',
        '9999-99-99',
        '-1',
        'NaN',
        '../../etc/passwd',
        '0'.repeat(40),
        "'; DROP TABLE review; --",
      ),
    },
    { weight: 1, arbitrary: fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, 2 ** 53 + 1, -1, 1e308) },
  );
}

/** Payloads for a channel whose input has these field names. */
export function hostilePayload(fieldNames: readonly string[]): fc.Arbitrary<unknown> {
  const key = fc.oneof(
    { weight: 3, arbitrary: fieldNames.length ? fc.constantFrom(...fieldNames) : fc.constant('id') },
    { weight: 1, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS) },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  );
  return fc.oneof(
    { weight: 2, arbitrary: values() },
    { weight: 6, arbitrary: fc.dictionary(key, values(), { maxKeys: 6 }) },
    { weight: 1, arbitrary: fc.constantFrom(...PROTO_JSON) },
  );
}

/** Payloads that survive JSON, for the web host (JSON cannot carry undefined, a Map or a BigInt). */
export function hostileJson(fieldNames: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 8, arbitrary: hostilePayload(fieldNames).map(toJson) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('{', '{"a":', '\ufeff{}', 'null', '[]', '"\\ud800"', '{"a":1}{"a":2}', '\u0000'),
    },
    { weight: 1, arbitrary: fc.constantFrom(...DEEP_JSON) },
  );
}

function toJson(value: unknown): string {
  try {
    return JSON.stringify(value, (_key, item) => (typeof item === 'bigint' ? item.toString() : item)) ?? 'null';
  } catch {
    return 'null';
  }
}

/** The field names a zod schema accepts at its top level (objects, unions, pipes, defaults). */
export function fieldNames(schema: unknown): string[] {
  const names = new Set<string>();
  const visit = (node: unknown, depth: number) => {
    if (!node || typeof node !== 'object' || depth > 6) return;
    const def = (node as { def?: Record<string, unknown> }).def;
    if (!def) return;
    const shape = (node as { shape?: Record<string, unknown> }).shape;
    if (def.type === 'object' && shape) for (const name of Object.keys(shape)) names.add(name);
    for (const inner of [def.in, def.innerType, def.schema]) visit(inner, depth + 1);
    if (Array.isArray(def.options)) for (const option of def.options) visit(option, depth + 1);
  };
  visit(schema, 0);
  return [...names];
}
