import { codeGroupOf, label } from '../shell/labels';
import { get, type CaseAction, type JsonSchema } from './api-client';

/**
 * A creating command that belongs to no case yet (登记线索) has no actions list to come from: its
 * form is built from the request schema the API publishes in its OpenAPI document, converted to
 * the JSON Schema subset the form renderer reads (references resolved, enumerations as oneOf with
 * their Chinese labels, ISO instants as date-time). Field titles come from the label catalogue.
 */

interface OpenApiSchema {
  readonly $ref?: string;
  readonly type?: string;
  readonly enum?: readonly string[];
  readonly example?: unknown;
  readonly description?: string;
  readonly properties?: Readonly<Record<string, OpenApiSchema>>;
  readonly required?: readonly string[];
  readonly items?: OpenApiSchema;
  readonly allOf?: readonly OpenApiSchema[];
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
}

interface OpenApiOperation {
  readonly summary?: string;
  readonly requestBody?: { content?: Record<string, { schema?: OpenApiSchema }> };
}

interface OpenApiDocument {
  readonly paths: Record<string, Record<string, OpenApiOperation>>;
  readonly components?: { readonly schemas?: Record<string, OpenApiSchema> };
}

let document: Promise<OpenApiDocument> | undefined;

const convert = (doc: OpenApiDocument, schema: OpenApiSchema, name: string, depth = 0): JsonSchema => {
  const resolved = schema.$ref
    ? (doc.components?.schemas?.[schema.$ref.replace('#/components/schemas/', '')] ?? {})
    : schema.allOf?.length === 1 && schema.allOf[0]
      ? schema.allOf[0]
      : schema;
  if (resolved !== schema)
    return convert(doc, { ...resolved, description: schema.description ?? resolved.description }, name, depth);
  const title = label('field', name);
  const base = { title, description: schema.description, minLength: schema.minLength, maxLength: schema.maxLength };
  if (schema.enum) {
    const group = codeGroupOf(schema.enum);
    return {
      ...base,
      type: 'string',
      oneOf: schema.enum.map((v) => ({ const: v, title: group ? label(group, v) : v })),
    };
  }
  if (schema.type === 'array')
    return {
      ...base,
      type: 'array',
      minItems: schema.minItems,
      maxItems: schema.maxItems,
      items: convert(doc, schema.items ?? { type: 'string' }, name, depth + 1),
    };
  if (schema.properties && depth < 6)
    return {
      ...base,
      type: 'object',
      required: schema.required,
      properties: Object.fromEntries(
        Object.entries(schema.properties).map(([k, v]) => [k, convert(doc, v, k, depth + 1)]),
      ),
    };
  const example = typeof schema.example === 'string' ? schema.example : '';
  const format = /^\d{4}-\d{2}-\d{2}T/.test(example)
    ? 'date-time'
    : /^\d{4}-\d{2}-\d{2}$/.test(example)
      ? 'date'
      : undefined;
  return { ...base, type: schema.type ?? 'string', format };
};

const openApi = (): Promise<OpenApiDocument> => (document ??= get<OpenApiDocument>('/api/docs-json'));

/** The JSON request body of `method path` (a path template as the document names it), converted. */
export const requestSchema = async (
  path: string,
  method: 'post' | 'put' | 'patch',
  name: string,
): Promise<JsonSchema | undefined> => {
  const doc = await openApi();
  const schema = doc.paths[path]?.[method]?.requestBody?.content?.['application/json']?.schema;
  return schema ? convert(doc, schema, name) : undefined;
};

/** One POST route below a resource (`{prefix}/{name}`), as the API's document lists it. */
export interface SubOperation {
  readonly name: string;
  readonly summary: string;
  readonly schema?: JsonSchema;
}

/**
 * The POST routes one level below `prefix` (e.g. `/api/v1/accounts/{username}`): a route the API
 * adds appears without a change here.
 */
export const postOperationsUnder = async (prefix: string): Promise<SubOperation[]> => {
  const doc = await openApi();
  return Object.entries(doc.paths)
    .filter(([path, ops]) => path.startsWith(`${prefix}/`) && !path.slice(prefix.length + 1).includes('/') && ops.post)
    .map(([path, ops]) => {
      const name = path.slice(prefix.length + 1);
      const body = ops.post?.requestBody?.content?.['application/json']?.schema;
      return { name, summary: ops.post?.summary ?? name, schema: body ? convert(doc, body, name) : undefined };
    });
};

/** The form of a creating route (`POST path`) as an action the renderer shows. */
export const creationAction = async (path: string, title: string, command: string): Promise<CaseAction | undefined> => {
  const schema = await requestSchema(path, 'post', command);
  return schema ? { command, method: 'POST', path, title, schema } : undefined;
};
