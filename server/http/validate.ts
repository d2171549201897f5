import { plainToInstance } from 'class-transformer';
import { Matches, getMetadataStorage, validateSync, type ValidationError } from 'class-validator';
import { invalid } from './app-error';

type Constructor<T> = new () => T;

/** A field's name in words: `atRiskReason` → "At risk reason", `criteria.0.value` → "Value". */
export function fieldLabel(field: string): string {
  const last =
    field
      .split('.')
      .filter((part) => !/^\d+$/.test(part))
      .pop() ?? field;
  const words = last
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const list = (values: unknown) => (Array.isArray(values) ? values.join(', ') : String(values));
const characters = (n: unknown) => `${String(n)} character${n === 1 ? '' : 's'}`;

/**
 * What each class-validator check means, for people: the label is the field in words, the
 * constraints are the decorator's arguments (Length(1, 300) → [1, 300]), value what was sent.
 */
const MESSAGES: Record<string, (label: string, constraints: unknown[], value: unknown) => string> = {
  isLength: (label, [min, max], value) =>
    typeof value === 'string' && value.length < Number(min)
      ? `${label} must be at least ${characters(min)}.`
      : `${label} must be at most ${characters(max)}.`,
  minLength: (label, [min]) => `${label} must be at least ${characters(min)}.`,
  maxLength: (label, [max]) => `${label} must be at most ${characters(max)}.`,
  isString: (label) => `${label} must be text.`,
  isInt: (label) => `${label} must be a whole number.`,
  min: (label, [min]) => `${label} must be at least ${String(min)}.`,
  max: (label, [max]) => `${label} must be at most ${String(max)}.`,
  isIn: (label, [values]) => `${label} must be one of: ${list(values)}.`,
  isUuid: (label) => `${label} must be the id of an existing record (a UUID).`,
  isBoolean: (label) => `${label} must be true or false.`,
  isArray: (label) => `${label} must be a list.`,
  arrayMaxSize: (label, [max]) => `${label} can hold at most ${String(max)} entries.`,
  arrayNotEmpty: (label) => `${label} needs at least one entry.`,
  arrayUnique: (label) => `${label} lists the same entry twice.`,
  isUrl: (label) => `${label} must be a web address, such as https://example.com/hook.`,
  isEmail: (label) => `${label} must be an email address, such as ana@example.com.`,
  isObject: (label) => `${label} must be an object.`,
  matches: (label) => `${label} is not in the expected form.`,
  isIso8601: (label) => `${label} must be a date, such as 2026-12-31.`,
  whitelistValidation: () => 'This request has no such field.',
};

/** Whether the DTO gave this check its own words (a `message` option), which then stand as written. */
function hasOwnMessage(target: object | undefined, property: string, name: string): boolean {
  if (!target) return false;
  return getMetadataStorage()
    .getTargetValidationMetadatas(target.constructor, '', true, false)
    .some((m) => m.propertyName === property && m.name === name && m.message !== undefined);
}

const isMissing = (value: unknown) => value === undefined || value === null || value === '';
const isBlank = (value: unknown) => typeof value === 'string' && value !== '' && value.trim() === '';

/**
 * One message per invalid field, in words a person can act on ("Title is required.", "Title must
 * be at most 300 characters."); the field keeps its name as sent, so a client can place it.
 */
function messageFor(error: ValidationError, field: string): string {
  const constraints = error.constraints ?? {};
  const names = Object.keys(constraints);
  const label = fieldLabel(field);
  if (names.includes('whitelistValidation')) return MESSAGES.whitelistValidation(label, [], error.value);
  // nothing (or only blanks) sent for a field that must hold something: one reason is enough
  if (isMissing(error.value)) return `${label} is required.`;
  if (isBlank(error.value)) return `${label} must not be blank.`;
  const messages = names.map((name) => {
    const human = MESSAGES[name];
    if (!human || hasOwnMessage(error.target, error.property, name)) return constraints[name];
    const metadata = error.target
      ? getMetadataStorage()
          .getTargetValidationMetadatas(error.target.constructor, '', true, false)
          .find((m) => m.propertyName === error.property && m.name === name)
      : undefined;
    // a check of each entry (`{ each: true }`) speaks of the entries, and of no particular value
    if (metadata?.each)
      return human(`Each entry of ${label.toLowerCase()}`, (metadata.constraints ?? []) as unknown[], undefined);
    return human(label, (metadata?.constraints ?? []) as unknown[], error.value);
  });
  return [...new Set(messages)].join(' ');
}

function flatten(errors: ValidationError[], prefix = ''): { field: string; message: string }[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, message: messageFor(error, field) }] : [];
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
    // target and value name the check's arguments and what was sent; neither leaves this function
    validationError: { target: true, value: true },
  });
  if (errors.length) {
    const fieldErrors = flatten(errors);
    throw invalid(fieldErrors.map((e) => e.message).join(' '), fieldErrors);
  }
  return instance;
}

/** Text that must hold more than whitespace (the services store it trimmed). */
export const NotBlank = (): PropertyDecorator =>
  Matches(/\S/, { message: (args) => `${fieldLabel(args.property)} must not be blank.` });

/** For `@ValidateIf`: a field that is present (even `null`) is validated; only an absent one is skipped. */
export const isPresent = (_: object, value: unknown): boolean => value !== undefined;
