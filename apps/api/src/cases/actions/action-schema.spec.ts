import 'reflect-metadata';
import type { OpenAPIObject } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches } from 'class-validator';
import { NestedArray, NestedObject } from '../../http/dto-decorators';
import { actionSchemaOf } from './action-schema';

class InnerDto {
  @IsString() @Length(1, 100) orgId!: string;
  @IsIn(['DisciplineCommission', 'AppointingAuthority']) kind!: string;
}
class LineDto {
  @Matches(/^\d{4}-\d{2}-\d{2}$/) dueDate!: string;
}
class BodyDto {
  @NestedObject(() => InnerDto) target!: InnerDto;
  @NestedArray(() => LineDto) lines!: LineDto[];
}

const document = {
  openapi: '3.0.0',
  info: { title: 't', version: '1' },
  paths: {
    '/x/{id}/y': {
      post: { requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/BodyDto' } } } } },
    },
    '/x/{id}/z': { post: {} },
  },
  components: {
    schemas: {
      BodyDto: {
        type: 'object',
        required: ['target', 'lines'],
        properties: {
          target: { description: 'Where it goes.', allOf: [{ $ref: '#/components/schemas/InnerDto' }] },
          lines: { type: 'array', items: { $ref: '#/components/schemas/LineDto' } },
        },
      },
      InnerDto: {
        type: 'object',
        required: ['orgId', 'kind'],
        properties: {
          orgId: { type: 'string', example: 'panjin.ccdi' },
          kind: { type: 'string', enum: ['DisciplineCommission', 'AppointingAuthority'] },
        },
      },
      LineDto: { type: 'object', properties: { dueDate: { type: 'string' } } },
    },
  },
} as unknown as OpenAPIObject;

const route = { method: 'POST' as const, template: '/x/{id}/y', body: BodyDto };

describe('actionSchemaOf — an action input schema from the OpenAPI request schema and the DTO rules', () => {
  it('inlines references, labels fields and enumerations, adds limits and date formats, drops examples', () => {
    const schema = actionSchemaOf(document, route, 'zh', {});
    expect(schema).toEqual({
      type: 'object',
      required: ['target', 'lines'],
      properties: {
        target: {
          type: 'object',
          title: '接收单位',
          required: ['orgId', 'kind'],
          properties: {
            orgId: { type: 'string', title: '单位', minLength: 1, maxLength: 100 },
            kind: {
              type: 'string',
              title: '类别',
              oneOf: [
                { const: 'DisciplineCommission', title: '纪委监委' },
                { const: 'AppointingAuthority', title: '任免机关' },
              ],
            },
          },
        },
        lines: {
          type: 'array',
          title: 'lines',
          items: {
            type: 'object',
            required: [],
            properties: { dueDate: { type: 'string', title: '整改期限', format: 'date' } },
          },
        },
      },
    });
  });

  it('restricts choices by path, keeping only values the DTO allows, and gives English descriptions to en', () => {
    const schema = actionSchemaOf(document, route, 'en', {
      'target.orgId': [{ const: 'panjin.ccdi', title: 'Panjin commission' }],
      'target.kind': [
        { const: 'AppointingAuthority', title: 'Appointing authority' },
        { const: 'Nonsense', title: 'not in the DTO' },
      ],
    });
    const target = (schema.properties as Record<string, Record<string, unknown>>).target;
    expect(target).toMatchObject({ title: 'Receiving organisation', description: 'Where it goes.' });
    expect(target?.properties).toMatchObject({
      orgId: { oneOf: [{ const: 'panjin.ccdi', title: 'Panjin commission' }] },
      kind: { oneOf: [{ const: 'AppointingAuthority', title: 'Appointing authority' }] },
    });
  });

  it('gives a route without a body an empty object schema', () => {
    expect(actionSchemaOf(document, { method: 'POST', template: '/x/{id}/z' }, 'zh', {})).toEqual({
      type: 'object',
      properties: {},
    });
  });
});
