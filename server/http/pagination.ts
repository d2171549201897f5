import { invalid } from './app-error';
import { isUnstorableText, UNSTORABLE_TEXT_MESSAGE } from './validate';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

/** Opaque keyset cursor: the sort values of the last row of the previous page. */
export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, length: number): unknown[] | null {
  if (!cursor) return null;
  let values: unknown = null;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    // refused below
  }
  if (Array.isArray(values) && values.length === length && values.every((v) => typeof v === 'string' || typeof v === 'number')) {
    // A forged cursor is a query value like any other: no text the database cannot store.
    if (!values.some((v) => typeof v === 'string' && isUnstorableText(v))) return values;
    throw invalid('The cursor is not valid.', [{ field: 'cursor', message: UNSTORABLE_TEXT_MESSAGE }]);
  }
  throw invalid('The cursor is not valid.', [{ field: 'cursor', message: 'is not valid' }]);
}

export function pageLimit(limit: number | undefined): number {
  return Math.min(Math.max(limit ?? DEFAULT_LIMIT, 1), MAX_LIMIT);
}
