import fc from 'fast-check';

/**
 * Generates hostile requests for one operation of the OpenAPI document: malformed JSON, wrong
 * types, missing and null fields (from the request schema, applied to a valid body one at a time),
 * deep nesting, non-JSON content types, control characters and lone surrogates, huge strings, junk
 * ids and junk query parameters. Pure and deterministic (fast-check with a fixed seed).
 */

export interface Schema {
  readonly type?: string;
  readonly $ref?: string;
  readonly enum?: readonly unknown[];
  readonly example?: unknown;
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly required?: readonly string[];
  readonly items?: Schema;
}

interface Parameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header';
}

export interface Operation {
  readonly parameters?: readonly Parameter[];
  readonly requestBody?: { readonly content?: Readonly<Record<string, { readonly schema?: Schema }>> };
}

export interface OpenApiDocument {
  readonly paths: Readonly<Record<string, Readonly<Record<string, Operation>>>>;
  readonly components: { readonly schemas: Readonly<Record<string, Schema>> };
}

/** What a hostile request is, for the assertions: each category has the answer it must get. */
export type Category =
  | 'malformed'
  /** Valid JSON of an odd shape or with odd bytes: any 4xx, or a 2xx where the route ignores it. */
  | 'odd'
  | 'wrong-type'
  | 'missing'
  | 'null'
  | 'too-deep'
  | 'deep-within-limit'
  | 'content-type'
  | 'bad-text'
  | 'huge'
  | 'fuzz'
  | 'junk-id'
  | 'junk-query';

export type Payload =
  | { readonly kind: 'none' }
  | { readonly kind: 'json'; readonly value: unknown }
  /** Sent byte for byte, with this content type (none: no Content-Type header). */
  | { readonly kind: 'raw'; readonly text: string | Buffer; readonly contentType?: string };

export interface HostileRequest {
  readonly category: Category;
  readonly label: string;
  /** Path with the id filled in, and the query string (without `?`) if any. */
  readonly path: string;
  readonly query?: string;
  readonly payload: Payload;
  readonly headers?: Readonly<Record<string, string>>;
}

/** The server's nesting limit (apps/api/src/http/json-depth.ts). */
export const DEPTH_LIMIT = 32;
const SEED = 20261213;

type Segment = string | number;
interface Field {
  readonly path: readonly Segment[];
  readonly schema: Schema;
  readonly required: boolean;
}

const resolve = (doc: OpenApiDocument, schema: Schema): Schema => {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  const found = doc.components.schemas[name];
  if (!found) throw new Error(`unknown schema ${schema.$ref}`);
  return found;
};

const kindOf = (schema: Schema): string =>
  schema.properties ? 'object' : (schema.type ?? (schema.enum ? 'string' : 'object'));

/** Every field of a request schema, nested objects and the first element of arrays included. */
export const fieldsOf = (doc: OpenApiDocument, schema: Schema, prefix: readonly Segment[] = [], depth = 0): Field[] => {
  const resolved = resolve(doc, schema);
  if (depth > 6 || !resolved.properties) return [];
  return Object.entries(resolved.properties).flatMap(([name, child]) => {
    const own = resolve(doc, child);
    const path = [...prefix, name];
    const field: Field = { path, schema: own, required: (resolved.required ?? []).includes(name) };
    const nested =
      kindOf(own) === 'array' && own.items
        ? [{ path: [...path, 0], schema: resolve(doc, own.items), required: false }]
        : [];
    return [
      field,
      ...nested,
      ...nested.flatMap((n) => fieldsOf(doc, n.schema, n.path, depth + 1)),
      ...fieldsOf(doc, own, path, depth + 1),
    ];
  });
};

const clone = <T>(value: T): T => structuredClone(value);

/** A plausible value of a schema, for containers a mutation needs that the valid body lacks. */
const exampleOf = (doc: OpenApiDocument, schema: Schema): unknown => {
  const s = resolve(doc, schema);
  if (s.example !== undefined) return clone(s.example);
  if (s.enum?.length) return s.enum[0];
  switch (kindOf(s)) {
    case 'string':
      return 'x';
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'array':
      return s.items ? [exampleOf(doc, s.items)] : [];
    default:
      return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, exampleOf(doc, v)]));
  }
};

/** The body with the value at `path` replaced (or removed), building missing containers from the schema. */
const withAt = (
  doc: OpenApiDocument,
  root: Schema,
  body: unknown,
  path: readonly Segment[],
  value: unknown,
  remove = false,
): unknown => {
  const copy = clone(body) as Record<string | number, unknown>;
  let node = copy;
  let schema = resolve(doc, root);
  path.forEach((segment, index) => {
    const childSchema = resolve(
      doc,
      typeof segment === 'number' ? (schema.items ?? {}) : (schema.properties?.[segment] ?? {}),
    );
    if (index === path.length - 1) {
      if (remove) delete node[segment];
      else node[segment] = value;
      return;
    }
    const existing = node[segment];
    if (existing === null || typeof existing !== 'object') node[segment] = exampleOf(doc, childSchema);
    node = node[segment] as Record<string | number, unknown>;
    schema = childSchema;
  });
  return copy;
};

const BAD_TEXT: readonly [string, string][] = [
  ['NUL', 'a\u0000b'],
  ['BEL', 'alert\u0007'],
  ['ESC', '\u001b[31mred'],
  ['lone high surrogate', 'x\ud800y'],
  ['lone low surrogate', '\udc00'],
  ['reversed surrogate pair', '\ude00\ud83d'],
];

/** Values of another type than the schema's (category wrong-type), and odd values of the right type. */
const otherValues = (kind: string, item: unknown): readonly [Category, string, unknown][] => {
  switch (kind) {
    case 'string':
      return [
        ['wrong-type', 'number', 42],
        ['wrong-type', 'boolean', true],
        ['wrong-type', 'object', { a: 'b' }],
        ['wrong-type', 'array', ['x']],
        ['odd', 'empty string', ''],
      ];
    case 'integer':
    case 'number':
      return [
        ['wrong-type', 'string', 'seven'],
        ['wrong-type', 'boolean', false],
        ['wrong-type', 'object', {}],
        ['wrong-type', 'array', [1]],
        ['odd', 'huge number', 1e308],
      ];
    case 'boolean':
      return [
        ['wrong-type', 'string', 'true'],
        ['wrong-type', 'number', 1],
        ['wrong-type', 'object', {}],
        ['wrong-type', 'array', [true]],
      ];
    case 'array':
      return [
        ['wrong-type', 'string', 'x'],
        ['wrong-type', 'number', 7],
        ['wrong-type', 'object', { 0: 'x' }],
        ['wrong-type', 'array of nulls', [null]],
        ['wrong-type', 'array of empty objects', [{}]],
        ['wrong-type', 'its element wrapped in an array', [[item]]],
        ['huge', '1,000 elements', Array.from({ length: 1000 }, () => 'x')],
      ];
    default:
      return [
        ['wrong-type', 'string', 'x'],
        ['wrong-type', 'number', 7],
        ['wrong-type', 'array', [{}]],
        ['wrong-type', 'boolean', true],
        ['odd', 'empty object', {}],
      ];
  }
};

/** Text of a JSON body with `deep` spliced in as the value of `key` (the rest of the body stays valid). */
const splice = (body: unknown, key: string, deep: string): string => {
  const marker = '__DEEP_MARKER__';
  const object = body !== null && typeof body === 'object' && !Array.isArray(body) ? body : {};
  return JSON.stringify({ ...object, [key]: marker }).replace(JSON.stringify(marker), deep);
};

const nested = (levels: number, open: string, close: string, inner: string): string =>
  `${open.repeat(levels)}${inner}${close.repeat(levels)}`;

export interface OperationInput {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly template: string;
  readonly operation: Operation;
  /** The real id for `{id}` (or `{name}`, `{year}`), a case visible to the caller in the state the route needs. */
  readonly id?: string;
  /** A valid body (POST routes), and a valid query string if the route needs one. */
  readonly body?: unknown;
  readonly query?: string;
}

const JUNK_IDS: readonly string[] = [
  'does-not-exist',
  '..%2F..%2Fetc%2Fpasswd',
  'x'.repeat(3000),
  '%ZZ',
  '%ED%A0%80',
  '%F0%9F%98%80',
  'a%0Ab',
  '%24where',
  'constructor',
  '__proto__',
];
/** Control characters in the path: refused as text before any route looks at them. */
const BAD_TEXT_IDS: readonly string[] = ['%00', 'a%00b', 'a%1Bb', '%7F%01'];
const JUNK_QUERIES: readonly string[] = [
  'a[b][c][d][e][f][g][h]=1',
  '%24where=1',
  'x=%00',
  'a[b]=c',
  '__proto__[x]=1',
  'constructor[prototype][x]=1',
  'limit=1&limit=2',
  'x=%ED%A0%80',
  '&&&==&=',
  `${'k'.repeat(2000)}=v`,
  Array.from({ length: 300 }, (_, i) => `p${i}=${i}`).join('&'),
];
const JUNK_VALUES: readonly string[] = [
  '',
  '-1',
  '1e400',
  'NaN',
  'true',
  '%ED%A0%80',
  'x'.repeat(4000),
  '99999999999999999999999',
  '%5B%5D',
  '[]',
  '{}',
];
const BAD_TEXT_VALUES: readonly string[] = ['%00', 'a%07b', '%1B%5B31m'];

/** Every hostile request for one operation. */
export const hostileRequests = (doc: OpenApiDocument, input: OperationInput): HostileRequest[] => {
  const { method, template, operation } = input;
  const path = template.replace(/\{(id|name|year|username)\}/, input.id ?? 'x');
  const base: Omit<HostileRequest, 'category' | 'label' | 'payload'> = {
    path,
    ...(input.query ? { query: input.query } : {}),
  };
  const out: HostileRequest[] = [];
  const add = (category: Category, label: string, payload: Payload, extra: Partial<HostileRequest> = {}): void => {
    out.push({ ...base, category, label, payload, ...extra });
  };
  const raw = (text: string | Buffer, contentType?: string): Payload => ({
    kind: 'raw',
    text,
    ...(contentType ? { contentType } : {}),
  });
  const JSON_TYPE = 'application/json';
  const validText = JSON.stringify(input.body ?? {});

  // Malformed JSON, and JSON that is valid but not an object.
  const malformed: readonly [Category, string, string | Buffer][] = [
    ['malformed', 'truncated', '{"a":'],
    ['malformed', 'single quotes', "{'a':1}"],
    ['malformed', 'trailing comma', '[1,]'],
    ['malformed', 'extra brace', `${validText}}`],
    ['malformed', 'NaN', '{"a":NaN}'],
    ['malformed', 'bare NUL', '\u0000'],
    ['malformed', 'top-level string', '"text"'],
    ['malformed', 'top-level null', 'null'],
    ['malformed', 'top-level number', '12'],
    ['odd', 'invalid UTF-8', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])],
    ['odd', 'BOM first', `\ufeff${validText}`],
    ['odd', 'top-level array', '[]'],
    ['odd', 'array of the body', `[${validText}]`],
    ['odd', '__proto__ key', '{"__proto__":{"polluted":true}}'],
    ['odd', 'constructor key', '{"constructor":{"prototype":{"polluted":true}}}'],
    ['odd', 'duplicate keys', '{"a":1,"a":{"b":[]}}'],
  ];
  for (const [category, label, text] of malformed) add(category, label, raw(text, JSON_TYPE));

  // Nesting: 10,000 levels, 100,000 levels, just over the limit; and exactly at it, which must pass the depth check.
  const firstKey = Object.keys((input.body as Record<string, unknown> | undefined) ?? {})[0] ?? 'field';
  const deepKey = { 'idempotency-key': 'hostile-deep-0001' };
  add('too-deep', '10,000 levels of arrays', raw(nested(10_000, '[', ']', ''), JSON_TYPE), { headers: deepKey });
  add('too-deep', '10,000 levels of objects', raw(nested(10_000, '{"a":', '}', '1'), JSON_TYPE));
  add('too-deep', '100,000 levels of arrays', raw(nested(100_000, '[', ']', ''), JSON_TYPE));
  add(
    'too-deep',
    `10,000 levels in "${firstKey}"`,
    raw(splice(input.body, firstKey, nested(10_000, '[', ']', '')), JSON_TYPE),
    { headers: deepKey },
  );
  add('too-deep', `${DEPTH_LIMIT + 1} levels`, raw(nested(DEPTH_LIMIT + 1, '{"a":', '}', '1'), JSON_TYPE));
  add('deep-within-limit', `${DEPTH_LIMIT} levels`, raw(nested(DEPTH_LIMIT, '{"a":', '}', '1'), JSON_TYPE));
  add(
    'deep-within-limit',
    'brackets inside a string',
    raw(splice(input.body, firstKey, JSON.stringify(`${'['.repeat(5000)}\\"{`)), JSON_TYPE),
  );

  // A body that is not JSON (or JSON under another name), on every route: 415.
  const contentTypes: readonly [string, string | Buffer, string | undefined][] = [
    ['text/plain', validText, 'text/plain'],
    ['form', 'a=1&b=2', 'application/x-www-form-urlencoded'],
    ['form carrying JSON', validText, 'application/x-www-form-urlencoded'],
    [
      'multipart',
      '--b\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--b--\r\n',
      'multipart/form-data; boundary=b',
    ],
    ['xml', '<a>1</a>', 'application/xml'],
    ['octet-stream', Buffer.from(validText), 'application/octet-stream'],
    ['no content type', Buffer.from(validText), undefined],
    ['UTF-16 JSON', Buffer.from(`\ufeff${validText}`, 'utf16le'), 'application/json; charset=utf-16'],
    ['latin1 JSON', Buffer.from(validText, 'latin1'), 'application/json; charset=latin1'],
  ];
  for (const [label, text, type] of contentTypes) add('content-type', label, raw(text, type));
  add('content-type', 'unknown content encoding', raw(validText, JSON_TYPE), {
    headers: { 'content-encoding': 'x-unknown' },
  });
  add('odd', 'gzip that is not gzip', raw(validText, JSON_TYPE), { headers: { 'content-encoding': 'gzip' } });

  // Junk query parameters (everywhere), and each documented query parameter with junk values.
  // A command route reads no query string: a few junk ones show that it is ignored (each may run the command).
  const junkQueries = method === 'GET' ? JUNK_QUERIES : JUNK_QUERIES.slice(0, 3);
  for (const junk of junkQueries)
    add(
      'junk-query',
      junk.slice(0, 40),
      method !== 'GET' ? { kind: 'json', value: input.body ?? {} } : { kind: 'none' },
      { query: [input.query, junk].filter(Boolean).join('&') },
    );
  for (const param of (operation.parameters ?? []).filter((p) => p.in === 'query')) {
    const rest = (input.query ?? '').split('&').filter((pair) => pair !== '' && !pair.startsWith(`${param.name}=`));
    const withValue = (value: string) => ({ query: [...rest, `${param.name}=${value}`].join('&') });
    for (const value of JUNK_VALUES)
      add('junk-query', `${param.name}=${value.slice(0, 20)}`, { kind: 'none' }, withValue(value));
    for (const value of BAD_TEXT_VALUES) add('bad-text', `${param.name}=${value}`, { kind: 'none' }, withValue(value));
  }

  // Junk ids in the path, with the valid body.
  if (/\{(id|name|username)\}/.test(template)) {
    for (const junk of JUNK_IDS) {
      add(
        'junk-id',
        junk.slice(0, 40),
        method !== 'GET' ? { kind: 'json', value: input.body ?? {} } : { kind: 'none' },
        { path: template.replace(/\{(id|name|year|username)\}/, junk) },
      );
    }
    for (const junk of BAD_TEXT_IDS)
      add('bad-text', `id ${junk}`, method !== 'GET' ? { kind: 'json', value: input.body ?? {} } : { kind: 'none' }, {
        path: template.replace(/\{(id|name|year|username)\}/, junk),
      });
  }

  const schema = operation.requestBody?.content?.['application/json']?.schema;
  if (method === 'GET' || !schema || input.body === undefined) return lastTheValid(out);

  // Field by field, on an otherwise valid body.
  const fields = fieldsOf(doc, schema);
  const at = (field: Field) => field.path.join('.');
  for (const field of fields) {
    const kind = kindOf(field.schema);
    const item = kind === 'array' && field.schema.items ? exampleOf(doc, field.schema.items) : undefined;
    for (const [category, label, value] of otherValues(kind, item))
      add(category, `${at(field)}: ${label}`, {
        kind: 'json',
        value: withAt(doc, schema, input.body, field.path, value),
      });
    add('null', `${at(field)}: null`, { kind: 'json', value: withAt(doc, schema, input.body, field.path, null) });
    if (field.required)
      add('missing', `${at(field)} missing`, {
        kind: 'json',
        value: withAt(doc, schema, input.body, field.path, undefined, true),
      });
    if (kind === 'string') {
      for (const [label, value] of BAD_TEXT)
        add('bad-text', `${at(field)}: ${label}`, {
          kind: 'json',
          value: withAt(doc, schema, input.body, field.path, value),
        });
      add('huge', `${at(field)}: 30,000 characters`, {
        kind: 'json',
        value: withAt(doc, schema, input.body, field.path, '长'.repeat(30_000)),
      });
    }
  }
  // Unknown fields carrying bad text are refused too (the check is global, not per DTO).
  add('bad-text', 'unknown field with NUL', {
    kind: 'json',
    value: { ...(input.body as object), ['extra\u0000']: 'x' },
  });
  add('huge', 'body over the size limit', {
    kind: 'json',
    value: { ...(input.body as object), [firstKey]: 'x'.repeat(300_000) },
  });

  // Arbitrary JSON in arbitrary fields, reproducibly.
  if (fields.length > 0) {
    const samples = fc.sample(fc.tuple(fc.nat({ max: fields.length - 1 }), fc.jsonValue({ maxDepth: 4 })), {
      seed: SEED + template.length,
      numRuns: 12,
    });
    for (const [index, value] of samples) {
      const field = fields[index] as Field;
      add('fuzz', `${at(field)}: ${JSON.stringify(value).slice(0, 40)}`, {
        kind: 'json',
        value: withAt(doc, schema, input.body, field.path, value),
      });
    }
  }
  return lastTheValid(out);
};

/** Categories whose requests may be valid commands: they change the case, so they go last. */
const MAY_SUCCEED: ReadonlySet<Category> = new Set(['odd', 'fuzz', 'junk-query', 'junk-id']);

/**
 * The requests refused at the edge first: a command that succeeds moves the case on, and what
 * follows it then meets a state the route no longer accepts instead of the checks behind it.
 */
const lastTheValid = (requests: HostileRequest[]): HostileRequest[] => [
  ...requests.filter((r) => !MAY_SUCCEED.has(r.category)),
  ...requests.filter((r) => MAY_SUCCEED.has(r.category)),
];
