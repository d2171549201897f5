import { setImmediate as nextTick } from 'node:timers/promises';
import { invalid, malformedJson } from '../../http/app-error';
import { IMPORT_LIMITS } from './transfer.schema';

/** Bytes scanned, or parsed, between two yields to the event loop. */
const SLICE_BYTES = 1 << 20;

const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;

/** A list that is the value of one of the root object's keys, with the commas between its items. */
interface TopArray {
  keyStart: number;
  keyEnd: number;
  open: number;
  close: number;
  commas: number[];
}

const malformed = malformedJson;

/**
 * Finds the root object's lists and refuses nesting deeper than IMPORT_LIMITS.depth, one slice of
 * the body at a time so that a large file never holds the event loop. Strings are skipped, so
 * brackets inside them do not count.
 */
async function scan(body: Buffer): Promise<TopArray[] | null> {
  const arrays: TopArray[] = [];
  let depth = 0;
  let inString = false;
  let escaped = false;
  let stringStart = -1;
  let lastKey: [number, number] = [-1, -1];
  let current: TopArray | null = null;
  let rootIsObject: boolean | null = null;
  for (let from = 0; from < body.length; from += SLICE_BYTES) {
    if (from) await nextTick();
    const to = Math.min(body.length, from + SLICE_BYTES);
    for (let i = from; i < to; i++) {
      const c = body[i];
      if (inString) {
        if (escaped) escaped = false;
        else if (c === BACKSLASH) escaped = true;
        else if (c === QUOTE) {
          inString = false;
          if (depth === 1) lastKey = [stringStart, i + 1];
        }
        continue;
      }
      if (c === QUOTE) {
        inString = true;
        stringStart = i;
      } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
        depth++;
        if (depth > IMPORT_LIMITS.depth)
          throw invalid(`The file nests deeper than ${IMPORT_LIMITS.depth} levels.`, [
            { field: 'body', message: `nests deeper than ${IMPORT_LIMITS.depth} levels (at byte ${i})` },
          ]);
        if (depth === 1) rootIsObject = c === OPEN_OBJECT;
        if (depth === 2 && c === OPEN_ARRAY && rootIsObject)
          current = { keyStart: lastKey[0], keyEnd: lastKey[1], open: i, close: -1, commas: [] };
      } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
        if (depth === 2 && current && c === CLOSE_ARRAY) {
          current.close = i;
          arrays.push(current);
          current = null;
        }
        depth--;
        if (depth < 0) throw malformed();
      } else if (c === COMMA && depth === 2 && current) {
        current.commas.push(i);
      }
    }
  }
  if (inString || depth !== 0) throw malformed();
  return rootIsObject ? arrays : null;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw malformed();
  }
}

/**
 * Reads a domain export from the raw request body without holding the event loop: the depth is
 * checked first, then the root object is parsed without its lists, and each list is parsed a
 * batch of items at a time with a yield between batches.
 */
export async function readImportBody(body: Buffer): Promise<unknown> {
  const arrays = await scan(body);
  if (!arrays) return parse(body.toString('utf8'));
  // The root object with every list emptied: small, and it checks the JSON around the lists.
  const parts: Buffer[] = [];
  let at = 0;
  for (const array of arrays) {
    parts.push(body.subarray(at, array.open + 1));
    at = array.close;
  }
  parts.push(body.subarray(at));
  const root = parse(Buffer.concat(parts).toString('utf8')) as Record<string, unknown>;

  for (const array of arrays) {
    const key = parse(body.subarray(array.keyStart, array.keyEnd).toString('utf8')) as string;
    const starts = [array.open + 1, ...array.commas.map((comma) => comma + 1)];
    const ends = [...array.commas, array.close];
    const items: unknown[] = [];
    if (starts.length === 1 && !body.subarray(array.open + 1, array.close).toString('utf8').trim()) {
      root[key] = items;
      continue;
    }
    let first = 0;
    while (first < starts.length) {
      // Items up to about one slice of bytes per batch, at least one.
      let last = first;
      while (last + 1 < starts.length && ends[last + 1] - starts[first] < SLICE_BYTES) last++;
      const batch = parse(`[${body.subarray(starts[first], ends[last]).toString('utf8')}]`) as unknown[];
      if (batch.length !== last - first + 1) throw malformed();
      for (const item of batch) items.push(item);
      first = last + 1;
      await nextTick();
    }
    root[key] = items;
  }
  return root;
}
