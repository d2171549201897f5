import type { Request, Response } from 'express';
import { badRequest, preconditionFailed, preconditionRequired } from './app-error';

/**
 * Optimistic concurrency, one way for every versioned resource (domains, tickets, artifacts,
 * investigations), after RFC 9110 §13:
 * - answers carry a strong `ETag: "<version>"`;
 * - an edit names the version it was based on in `If-Match` (that ETag, a list of them, or `*`
 *   for "whatever it is now"), or as a `version` field of the body;
 * - a mismatch is 412 Precondition Failed, a missing one 428 Precondition Required.
 * Weak tags (`W/"3"`) never match: If-Match compares strongly.
 */
export type ExpectedVersion = '*' | readonly number[];

/** The strong entity tag of a version. */
export function versionTag(version: number): string {
  return `"${version}"`;
}

const IF_MATCH_HELP = 'must be "*" or the ETag of the resource, such as "3"';
// One entity tag and the comma after it: W/ for weak, any visible character but a quote inside.
const ENTITY_TAG = /\s*(W\/)?"([\x21\x23-\x7e\x80-\xff]*)"\s*(?:,|$)/y;

/** The If-Match header: `*`, the versions it names, or undefined when absent; 400 when malformed. */
export function parseIfMatch(header: string | undefined): ExpectedVersion | undefined {
  if (header === undefined) return undefined;
  const value = header.trim();
  if (value === '*') return '*';
  // A bare number is what Cairn's first clients sent; it means the same as its quoted tag.
  if (/^\d{1,9}$/.test(value)) return [Number(value)];
  const versions: number[] = [];
  ENTITY_TAG.lastIndex = 0;
  let consumed = 0;
  while (consumed < value.length) {
    const match = ENTITY_TAG.exec(value);
    if (!match) throw badRequest('If-Match', IF_MATCH_HELP);
    consumed = ENTITY_TAG.lastIndex;
    if (!match[1] && /^\d{1,9}$/.test(match[2])) versions.push(Number(match[2]));
  }
  if (consumed === 0) throw badRequest('If-Match', IF_MATCH_HELP);
  return versions;
}

/**
 * The version an edit was based on: If-Match, else the body's `version`. Without either a
 * `required` edit (every PATCH) could silently overwrite someone else's change: 428.
 */
export function expectedVersion(ifMatch: string | undefined, bodyVersion: number | undefined): ExpectedVersion;
export function expectedVersion(
  ifMatch: string | undefined,
  bodyVersion: number | undefined,
  required: boolean,
): ExpectedVersion | undefined;
export function expectedVersion(
  ifMatch: string | undefined,
  bodyVersion: number | undefined,
  required = true,
): ExpectedVersion | undefined {
  const expected = parseIfMatch(ifMatch) ?? (bodyVersion === undefined ? undefined : [bodyVersion]);
  if (expected === undefined && required) {
    throw preconditionRequired(
      'Send the version you edited: the ETag you read, as an If-Match header (or a version field).',
    );
  }
  return expected;
}

/** 412 when the row changed since the caller read it (nothing to check when `expected` is undefined). */
export function assertVersion(what: string, current: number, expected: ExpectedVersion | undefined): void {
  if (expected === undefined || expected === '*' || expected.includes(current)) return;
  const edited = expected.length === 1 ? `you edited ${expected[0]}` : 'you edited another';
  throw preconditionFailed(
    `${what} was changed by someone else (version ${current}, ${edited}); reload and try again.`,
    { currentVersion: current },
  );
}

/**
 * Sends the version's ETag with an answer. The tag names the row's version, not the bytes of the
 * view (which also shows computed state), so a conditional GET is answered in full, never 304.
 */
export function versioned<T extends { version: number }>(req: Request, res: Response, view: T): T {
  res.setHeader('ETag', versionTag(view.version));
  delete req.headers['if-none-match'];
  return view;
}
