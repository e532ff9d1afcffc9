import { ValidationPipe } from '@nestjs/common';
import { fieldErrorsOf } from './field-errors';
import { ApiProblem } from './problem';

/**
 * Whitelisting DTO validation: unknown fields are rejected (never silently dropped), nested
 * objects are validated, and the error lists fields and rules — never the submitted values.
 * The target and value are kept on the validation errors only for fieldErrorsOf (which rule a
 * length broke, the DTO's limits); they never reach the answer.
 */
export const createValidationPipe = (): ValidationPipe =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: true, value: true },
    exceptionFactory: (errors) =>
      new ApiProblem(400, 'REQUEST.VALIDATION_FAILED', 'The request did not pass validation.', fieldErrorsOf(errors)),
  });

/**
 * Keys that MongoDB would read as operators or paths (`$where`, `a.b`) never get past the edge,
 * whatever the route: defence in depth behind the DTO whitelist.
 */
export const findOperatorKey = (value: unknown, depth = 0): string | undefined => {
  if (depth > 32 || value === null || typeof value !== 'object') return undefined;
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    if (key.startsWith('$') || key.includes('.') || key === '__proto__' || key === 'constructor' || key === 'prototype')
      return key;
    const found = findOperatorKey(child, depth + 1);
    if (found) return found;
  }
  return undefined;
};
