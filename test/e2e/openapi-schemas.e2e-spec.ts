import { TestApp, startTestApp } from './support/test-app';

type Schema = {
  $ref?: string;
  type?: string;
  properties?: Record<string, unknown>;
  items?: Schema;
  allOf?: Schema[];
};
type Operation = { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> };

/**
 * Issue 16: the web app's client is typed from the OpenAPI document, so every read route declares
 * what it answers — a 200 schema that says something (properties, array items, or a file body),
 * not an empty object.
 */
describe('OpenAPI response schemas', () => {
  let t: TestApp;
  let doc: { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };
  beforeAll(async () => {
    t = await startTestApp();
    doc = (await t.http().get('/api/docs-json').expect(200)).body;
  });
  afterAll(() => t.close());

  const resolve = (schema: Schema | undefined): Schema | undefined =>
    schema?.$ref ? doc.components.schemas[schema.$ref.replace('#/components/schemas/', '')] : schema;
  const says = (schema: Schema | undefined): boolean => {
    const s = resolve(schema);
    if (!s) return false;
    if (s.allOf) return s.allOf.some(says);
    if (s.type === 'array') return says(s.items);
    if (s.type === 'string') return true;
    return Object.keys(s.properties ?? {}).length > 0;
  };

  it('gives every GET operation a 200 schema with content', () => {
    const gets = Object.entries(doc.paths).flatMap(([path, item]) => (item.get ? [[path, item.get] as const] : []));
    expect(gets.length).toBeGreaterThan(25);
    const without = gets
      .filter(([, op]) => {
        const content = op.responses?.['200']?.content ?? {};
        const schemas = Object.values(content).map((c) => c.schema);
        return schemas.length === 0 || !schemas.every(says);
      })
      .map(([path]) => path);
    expect(without).toEqual([]);
  });
});
