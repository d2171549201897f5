import { plainToInstance } from 'class-transformer';
import { Matches, validateSync, type ValidationError } from 'class-validator';
import { invalid } from './app-error';

type Constructor<T> = new () => T;

function flatten(errors: ValidationError[], prefix = ''): { field: string; message: string }[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, message: Object.values(error.constraints).join('; ') }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Keys that reach prototypes: class-transformer crashes on them (a 500) and nothing legitimate uses them. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function prototypeKeyIn(value: unknown, path: string, depth = 0): string | null {
  if (!value || typeof value !== 'object') return null;
  // Deeper than any DTO goes: refused rather than walked (and handed to class-transformer).
  if (depth > 32) return path;
  for (const key of Object.keys(value)) {
    const at = path ? `${path}.${key}` : key;
    if (PROTOTYPE_KEYS.has(key)) return at;
    const found = prototypeKeyIn((value as Record<string, unknown>)[key], at, depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * NUL, which PostgreSQL's text and jsonb cannot hold (SQLSTATE 22021, 22P05), and a lone UTF-16
 * surrogate, which is no Unicode character (UTF-8 would silently store U+FFFD instead).
 */
// eslint-disable-next-line no-control-regex -- NUL is the character this refuses
const UNSTORABLE_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const UNSTORABLE_TEXT_MESSAGE =
  'must not contain a NUL character or a lone surrogate (text that is not valid Unicode)';

/** Whether a string holds text that cannot be stored as it was sent (see UNSTORABLE_TEXT). */
export function isUnstorableText(text: string): boolean {
  return UNSTORABLE_TEXT.test(text);
}

/** The path of the first string (value or key) that cannot be stored, or null. */
function unstorableTextIn(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return isUnstorableText(value) ? path || 'value' : null;
  if (!value || typeof value !== 'object' || depth > 32) return null;
  for (const key of Object.keys(value)) {
    const at = path ? `${path}.${key}` : key;
    if (isUnstorableText(key)) return path || 'body';
    const found = unstorableTextIn((value as Record<string, unknown>)[key], at, depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * Validates a request body or query against a class-validator DTO: unknown fields are refused and
 * each invalid field gets its own entry in the 400. Text that PostgreSQL cannot store is refused
 * first, in any field at any depth.
 */
export function parseDto<T extends object>(dto: Constructor<T>, input: unknown, where: 'body' | 'query' = 'body'): T {
  if (input === undefined || input === null) input = {};
  if (typeof input !== 'object' || Array.isArray(input)) {
    throw invalid(`The request ${where} must be a JSON object.`, [{ field: where, message: 'must be an object' }]);
  }
  const forbidden = prototypeKeyIn(input, '');
  if (forbidden) {
    throw invalid(`Invalid ${where}: ${forbidden}.`, [
      { field: forbidden, message: 'this field name (or this depth of nesting) is not allowed' },
    ]);
  }
  // Decided here, once, for every body and query; the error mapper catches what bypasses a DTO.
  const unstorable = unstorableTextIn(input, '');
  if (unstorable) {
    throw invalid(`Invalid ${where}: ${unstorable}.`, [{ field: unstorable, message: UNSTORABLE_TEXT_MESSAGE }]);
  }
  const instance = plainToInstance(dto, input, { enableImplicitConversion: where === 'query' });
  const errors = validateSync(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
  });
  if (errors.length) {
    const fieldErrors = flatten(errors);
    throw invalid(`Invalid ${where}: ${fieldErrors.map((e) => e.field).join(', ')}.`, fieldErrors);
  }
  return instance;
}

/** Text that must hold more than whitespace (the services store it trimmed). */
export const NotBlank = (): PropertyDecorator => Matches(/\S/, { message: '$property must not be blank' });

/** For `@ValidateIf`: a field that is present (even `null`) is validated; only an absent one is skipped. */
export const isPresent = (_: object, value: unknown): boolean => value !== undefined;
