import { Injectable } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';

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
