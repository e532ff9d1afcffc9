import { Type } from 'class-transformer';
// These two are used here only: bare, they let `null` or an absent nested object through (see below).
// eslint-disable-next-line no-restricted-imports
import { IsArray, IsObject, ValidateIf, ValidateNested } from 'class-validator';

type Class = new () => object;

/**
 * An optional field: it may be left out, but `null` is not a value for it and is refused (400) by
 * the field's other rules. One rule for every DTO: class-validator's @IsOptional() skips `null`
 * too, which then reached handlers and the domain as if it were a list or a text (a 500 on
 * `statutoryGroundCodes: null`), and would be stored in events as `null` where the event type
 * says "absent or a value". Refusing is simpler than treating null as absent (the value the
 * client sent is the value stored, as the idempotency fingerprint assumes), and the OpenAPI
 * document marks no field nullable.
 */
export const OptionalField = (): PropertyDecorator =>
  ValidateIf((_object: object, value: unknown) => value !== undefined);

/**
 * A required nested object, validated by its class. @ValidateNested alone skips `undefined`, so a
 * missing `target` reached the handler (a 500 on `dto.target.orgId`); @IsObject refuses absent,
 * null, arrays and scalars.
 */
export const NestedObject =
  (type: () => Class): PropertyDecorator =>
  (target, key) => {
    IsObject()(target, key);
    ValidateNested()(target, key);
    Type(type)(target, key);
  };

/** A list of nested objects, each validated by its class; a nested list or a null element is refused. */
export const NestedArray =
  (type: () => Class): PropertyDecorator =>
  (target, key) => {
    IsArray()(target, key);
    IsObject({ each: true })(target, key);
    ValidateNested({ each: true })(target, key);
    Type(type)(target, key);
  };
