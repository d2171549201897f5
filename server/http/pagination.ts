import { AppError } from './app-error';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

/** Opaque keyset cursor: the sort values of the last row of the previous page. */
export function encodeCursor(values: unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, length: number): unknown[] | null {
  if (!cursor) return null;
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && values.length === length && values.every((v) => typeof v === 'string' || typeof v === 'number')) {
      return values;
    }
  } catch {
    // fall through to the 400 below
  }
  throw new AppError(400, 'validation_failed', 'The cursor is not valid.', { errors: [{ field: 'cursor', message: 'is not valid' }] });
}

export function pageLimit(limit: number | undefined): number {
  return Math.min(Math.max(limit ?? DEFAULT_LIMIT, 1), MAX_LIMIT);
}
