import { ValidationError, ValidationPipe } from '@nestjs/common';
import { ApiProblem } from './problem';

const flatten = (errors: ValidationError[], prefix = ''): { field: string; messages: string[] }[] =>
  errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, messages: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });

/**
 * Whitelisting DTO validation: unknown fields are rejected (never silently dropped), nested
 * objects are validated, and the error lists fields and rules — never the submitted values.
 */
export const createValidationPipe = (): ValidationPipe =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) =>
      new ApiProblem(400, 'REQUEST.VALIDATION_FAILED', 'The request did not pass validation.', flatten(errors)),
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
