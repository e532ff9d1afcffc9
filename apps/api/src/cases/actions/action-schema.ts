import type { Type } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { getMetadataStorage } from 'class-validator';
import { Lang, codeNamespaceOf, labelOf } from '@xj/application';
import { ResolvedRoute } from './action-routes';

/** One allowed value of an enumeration, with its label in the request's language. */
export interface Choice {
  readonly const: string;
  readonly title: string;
}

/** A JSON Schema (draft 2020-12 subset) as the workbench's form renderer reads it. */
export type JsonSchema = { readonly [key: string]: unknown };

/**
 * The choices the caller may make, by field path (`target.orgId`, `outcomes[].subjectId`,
 * `situationCodes[]`): they replace the DTO's enumeration (or free text) with what applies to
 * this case and this caller, e.g. the commissions competent for it.
 */
export type ChoicesByPath = Readonly<Record<string, readonly Choice[]>>;

type Schema = Record<string, unknown>;
type DtoClass = Type<unknown>;

const MAX_DEPTH = 8;
const DATE_SOURCE = String(/^\d{4}-\d{2}-\d{2}$/);

/**
 * The input schema of an action, from the request schema the OpenAPI document already has for
 * its route (built from the DTO's @nestjs/swagger metadata), completed from the DTO's
 * class-validator rules (lengths, list sizes, date formats) that the document does not carry:
 * one source for the form and for the validation that judges what it sends.
 */
export const actionSchemaOf = (
  document: OpenAPIObject,
  route: ResolvedRoute,
  lang: Lang,
  choices: ChoicesByPath,
): JsonSchema => {
  const operation = (document.paths[route.template] as Record<string, unknown> | undefined)?.[
    route.method.toLowerCase()
  ] as { requestBody?: { content?: Record<string, { schema?: Schema }> } } | undefined;
  const content = operation?.requestBody?.content;
  // An evidence upload's one field is a file (`format: binary`), sent as multipart/form-data.
  const body = (content?.['application/json'] ?? content?.['multipart/form-data'])?.schema;
  if (!body) return { type: 'object', properties: {} };
  const components = (document.components?.schemas ?? {}) as Record<string, Schema>;
  return convert(body, route.body, '', { components, lang, choices }, 0);
};

interface Ctx {
  readonly components: Record<string, Schema>;
  readonly lang: Lang;
  readonly choices: ChoicesByPath;
}

/** Inlines a `$ref`, and the `allOf: [{ $ref }]` @nestjs/swagger writes for a described nested DTO. */
const resolve = (schema: Schema, ctx: Ctx): Schema => {
  const { $ref: ref, allOf, ...rest } = schema;
  const parts = [
    ...(typeof ref === 'string' ? [ctx.components[ref.split('/').pop() ?? ''] ?? {}] : []),
    ...(Array.isArray(allOf) ? (allOf as Schema[]).map((part) => resolve(part, ctx)) : []),
  ];
  if (parts.length === 0) return schema;
  const merged = parts.reduce<Schema>(
    (all, part) => ({
      ...all,
      ...part,
      properties: { ...(all.properties as object), ...(part.properties as object) },
      required: [...((all.required as string[]) ?? []), ...((part.required as string[]) ?? [])],
    }),
    {},
  );
  return { ...merged, ...rest };
};

const convert = (raw: Schema, dto: DtoClass | undefined, path: string, ctx: Ctx, depth: number): Schema => {
  if (depth > MAX_DEPTH) return { type: 'object' };
  const schema = resolve(raw, ctx);
  const { example: _example, enum: values, properties, items, ...rest } = schema;
  const out: Schema = { ...rest };
  if (Array.isArray(values)) {
    const namespace = codeNamespaceOf(values.map(String));
    out.oneOf = values.map((v) => ({
      const: v,
      title: namespace ? labelOf(namespace, String(v), ctx.lang) : String(v),
    }));
  }
  const chosen = ctx.choices[path];
  if (chosen) {
    const allowed = Array.isArray(values) ? chosen.filter((c) => values.includes(c.const)) : chosen;
    out.oneOf = allowed;
  }
  if (properties && typeof properties === 'object') {
    out.type = 'object';
    out.properties = Object.fromEntries(
      Object.entries(properties as Record<string, Schema>).map(([name, property]) => [
        name,
        convertProperty(property, dto, name, path ? `${path}.${name}` : name, ctx, depth),
      ]),
    );
  }
  if (items && typeof items === 'object') out.items = convert(items as Schema, dto, `${path}[]`, ctx, depth + 1);
  return out;
};

const convertProperty = (
  property: Schema,
  owner: DtoClass | undefined,
  name: string,
  path: string,
  ctx: Ctx,
  depth: number,
): Schema => {
  const nested = owner ? nestedClassOf(owner, name) : undefined;
  // The DTOs' descriptions are English: kept for en only (a nested DTO's sits on its allOf wrapper).
  const { description: _described, ...converted } = convert(property, nested, path, ctx, depth + 1);
  const description = ctx.lang === 'en' ? property.description : undefined;
  const rules = owner ? rulesOf(owner, name) : { self: {}, items: {} };
  const items = converted.items as Schema | undefined;
  return {
    ...converted,
    title: labelOf('field', name, ctx.lang),
    ...(typeof description === 'string' ? { description } : {}),
    ...rules.self,
    ...(items && rules.items ? { items: { ...items, ...rules.items } } : {}),
  };
};

const nestedClassOf = (owner: DtoClass, name: string): DtoClass | undefined =>
  defaultMetadataStorage.findTypeMetadata(owner, name)?.typeFunction() as DtoClass | undefined;

/** Lengths, list sizes and date formats from the DTO's class-validator rules (`each` ones go to the items). */
const rulesOf = (owner: DtoClass, name: string): { self: Schema; items: Schema } => {
  const self: Schema = {};
  const items: Schema = {};
  for (const rule of getMetadataStorage().getTargetValidationMetadatas(owner, '', true, false)) {
    if (rule.propertyName !== name) continue;
    const target = rule.each ? items : self;
    const constraints = (rule.constraints ?? []) as unknown[];
    switch (rule.name) {
      case 'isLength':
        if (typeof constraints[0] === 'number') target.minLength = constraints[0];
        if (typeof constraints[1] === 'number') target.maxLength = constraints[1];
        break;
      case 'minLength':
        target.minLength = constraints[0];
        break;
      case 'maxLength':
        target.maxLength = constraints[0];
        break;
      case 'arrayMinSize':
        self.minItems = constraints[0];
        break;
      case 'arrayMaxSize':
        self.maxItems = constraints[0];
        break;
      case 'matches':
        if (String(constraints[0]) === DATE_SOURCE) target.format = 'date';
        break;
      case 'isIso8601':
        target.format = 'date-time';
        break;
      default:
        break;
    }
  }
  return { self, items };
};
