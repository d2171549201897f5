import type { Response } from 'express';
import { IsIn, IsOptional } from 'class-validator';

/** A CSV column: its header and how to read its value from a row. */
export type CsvColumn<T> = [header: string, value: (row: T) => unknown];

/**
 * The `?bom=true|false` query field every CSV export takes, as one decorator for their query DTOs.
 * Kept a string: implicit conversion would turn "false" into true.
 */
export function IsBomFlag(): PropertyDecorator {
  return (target, key) => {
    IsOptional()(target, key as string);
    IsIn(['true', 'false'])(target, key as string);
  };
}

/** A character a spreadsheet reads as the start of a formula (OWASP CSV injection). */
const FORMULA_START = '[=+\\-@\\t\\r]';
/**
 * A formula start at the start of the field, or after a character that some spreadsheet locale or
 * import dialog treats as a cell or line break (`;` and `|` as separators, tab, CR, LF).
 */
const FORMULA_AT = new RegExp(`(?<=^|[;|\\t\\r\\n])(?=${FORMULA_START})`, 'g');

/**
 * One RFC 4180 field, always quoted (quotes doubled), so no separator of any locale splits it. Every
 * place where a spreadsheet could start a formula (see FORMULA_AT) gets an apostrophe, which makes
 * the rest text (OWASP CSV injection advice). Ids, ISO dates and JSON never start that way.
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '""';
  const text = String(value).replace(FORMULA_AT, "'");
  return `"${text.replace(/"/g, '""')}"`;
}

export function csvLine(fields: unknown[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

/** Resolves when the chunk is written or buffered below the high-water mark, or the client left. */
function write(res: Response, chunk: string): Promise<void> {
  if (res.write(chunk)) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

export interface CsvExport<T> {
  /** the attachment's name, without the date and extension: `cairn-audit` → cairn-audit-2026-01-31.csv */
  name: string;
  now: Date;
  bom: boolean;
  columns: CsvColumn<T>[];
  /** the rows in keyset chunks; the export never holds more than one chunk in memory */
  chunks: AsyncIterable<T[]>;
}

/**
 * Streams rows as a UTF-8 CSV attachment. The first chunk is read before any header goes out, so
 * a 404 or 400 raised by the query (unknown domain, bad filter) is still a problem+json. Once rows
 * are out a problem can no longer be sent: the download is cut so it is not mistaken for complete.
 */
export async function sendCsv<T>(res: Response, csv: CsvExport<T>): Promise<void> {
  const iterator = csv.chunks[Symbol.asyncIterator]();
  let next = await iterator.next();
  try {
    const day = csv.now.toISOString().slice(0, 10);
    res.status(200);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${csv.name}-${day}.csv"`);
    res.setHeader('Cache-Control', 'no-store');
    await write(res, `${csv.bom ? '\uFEFF' : ''}${csvLine(csv.columns.map(([header]) => header))}`);
    while (!next.done) {
      if (res.destroyed) {
        await iterator.return?.();
        return;
      }
      const rows = next.value;
      if (rows.length) {
        await write(res, rows.map((row) => csvLine(csv.columns.map(([, value]) => value(row)))).join(''));
      }
      next = await iterator.next();
    }
    res.end();
  } catch (error) {
    if (!res.headersSent) throw error;
    res.destroy(error as Error);
  }
}

/** The pages of a cursor-paginated list, one after another, until its last page. */
export async function* cursorChunks<T>(
  page: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>,
): AsyncGenerator<T[]> {
  let cursor: string | undefined;
  for (;;) {
    const result = await page(cursor);
    yield result.items;
    if (!result.nextCursor) return;
    cursor = result.nextCursor;
  }
}
