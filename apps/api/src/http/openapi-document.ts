import { INestApplication, Injectable } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/**
 * The OpenAPI document of the app: served at /api/docs-json, and the source of the web app's
 * typed client (`npm run gen:api-types`, which builds it without starting a server).
 */
export const buildOpenApiDocument = (app: INestApplication): OpenAPIObject => {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('xingji-link — 行纪衔接 case-transfer API')
      .setDescription(
        'Clues (问题线索), referrals (移送) to the discipline commission (纪委监委), rectification items (整改事项) and escalations (督办). Errors are application/problem+json with a stable `code`.\n\n' +
          'Clients MUST send an `Idempotency-Key` on every command (every POST to a case route): a write that was committed can still answer 503 (or lose its answer on the way) when the disk or the network fails at the wrong moment. ' +
          'Retrying with the same key and body answers the original success and writes nothing — also while the first attempt is still running and after a restart; the same key with another body answers 422. Only successes are remembered: a retry after an error is executed again.',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  document.components = {
    ...document.components,
    schemas: {
      ...document.components?.schemas,
      Problem: {
        type: 'object',
        required: ['type', 'title', 'status', 'code'],
        properties: {
          type: { type: 'string' },
          title: { type: 'string' },
          status: { type: 'integer' },
          code: { type: 'string', example: 'CLUE.WRONG_STATE' },
          detail: { type: 'string' },
          instance: { type: 'string' },
          correlationId: { type: 'string' },
          errors: {
            type: 'array',
            items: {
              type: 'object',
              required: ['field', 'codes', 'messages'],
              properties: {
                field: { type: 'string', example: 'items.0.issue' },
                codes: {
                  type: 'array',
                  items: { type: 'string', example: 'maxLength' },
                  description: 'The rule each message states, a stable identifier (isNotEmpty, maxLength, isDate…).',
                },
                messages: {
                  type: 'array',
                  items: { type: 'string', example: '「问题」最多 2000 个字' },
                  description: 'In the language of Accept-Language (zh-CN, or en).',
                },
              },
            },
          },
          problems: {
            type: 'array',
            description: 'A refused transfer package (POST /api/v1/packages): every finding.',
            items: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string', example: 'PACKAGE.CHAIN_BROKEN' },
                message: { type: 'string' },
                streamId: { type: 'string' },
                revision: { type: 'string' },
                sha256: { type: 'string' },
                file: { type: 'string' },
              },
            },
          },
        },
      },
      CommandResult: {
        type: 'object',
        properties: {
          kind: { type: 'string', enum: ['clue', 'referral', 'rectification', 'campaign'] },
          id: { type: 'string' },
          status: { type: 'string' },
          revision: { type: 'string', nullable: true },
          position: { type: 'string', nullable: true },
          events: { type: 'array', items: { type: 'string' } },
          createdCases: {
            type: 'array',
            description:
              'Other cases the command opened or reserved the id of: the items of a rectification plan, the referral a proposal is to be drafted under, the child of a partial acceptance.',
            items: {
              type: 'object',
              required: ['kind', 'id'],
              properties: {
                kind: { type: 'string', enum: ['clue', 'referral', 'rectification', 'campaign'] },
                id: { type: 'string' },
              },
            },
          },
          flaggedDeadlines: {
            type: 'array',
            description:
              'Deadlines of the case that are not final or not ordinary: counted through a year without a holiday table (provisional), or an explicit date kept on a rest day (nonWorkingDay).',
            items: { type: 'object', additionalProperties: true },
          },
        },
      },
    },
  };
  return document;
};

/**
 * The application's OpenAPI document, built once on first use by the builder bootstrap gives it
 * (it walks every route and DTO, so not at boot). The docs page serves it; the actions endpoint
 * takes each command's request schema from it rather than keeping a second schema.
 */
@Injectable()
export class OpenApiDocument {
  private builder?: () => OpenAPIObject;
  private document?: OpenAPIObject;

  useBuilder(builder: () => OpenAPIObject): void {
    this.builder = builder;
    this.document = undefined;
  }

  get(): OpenAPIObject {
    if (this.document) return this.document;
    if (!this.builder) throw new Error('OpenApiDocument: no builder (createApp sets it)');
    this.document = this.builder();
    return this.document;
  }
}
