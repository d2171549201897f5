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
  if (
    Array.isArray(values) &&
    values.length === length &&
    values.every((v) => typeof v === 'string' || typeof v === 'number')
  ) {
    // A forged cursor is a query value like any other: no text the database cannot store.
    if (!values.some((v) => typeof v === 'string' && isUnstorableText(v))) return values;
    throw invalid('The cursor is not valid.', [{ field: 'cursor', message: UNSTORABLE_TEXT_MESSAGE }]);
  }
  throw invalid('The cursor is not valid.', [{ field: 'cursor', message: 'is not valid' }]);
}

export function pageLimit(limit: number | undefined): number {
  return Math.min(Math.max(limit ?? DEFAULT_LIMIT, 1), MAX_LIMIT);
}

/** Rows a keyset page reads: one more than it shows, which tells whether another page follows. */
export function fetchSize(limit: number): number {
  return limit + 1;
}

/**
 * The rows a page shows (read with `fetchSize(limit)`), and the cursor of the next page made of
 * the last shown row's sort values, or null when no row follows.
 */
export function keysetPage<Row>(
  rows: readonly Row[],
  limit: number,
  cursorOf: (last: Row) => unknown[],
): { rows: Row[]; nextCursor: string | null } {
  const shown = rows.slice(0, limit);
  const last = shown[shown.length - 1];
  return { rows: shown, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(cursorOf(last)) : null };
}
