import { AppError, badRequest } from '../../http/app-error';
import { ifMatchVersion } from '../../http/params';

/**
 * The version an edit was based on, from `If-Match` or a `version` field in the body. Without
 * either the edit could silently overwrite someone else's, so it is refused with 428.
 */
export function expectedVersion(ifMatchHeader: string | undefined, bodyVersion: number | undefined): number {
  const fromHeader = ifMatchVersion(ifMatchHeader);
  if (fromHeader !== undefined && Number.isNaN(fromHeader)) throw badRequest('If-Match', 'must be a version number');
  const version = fromHeader ?? bodyVersion;
  if (version === undefined) {
    throw new AppError(
      428,
      'precondition_required',
      'Send the version you edited as an If-Match header (or a version field).',
    );
  }
  return version;
}

/** 409 when the row changed since the caller read it. */
export function assertVersion(entity: string, current: number, expected: number): void {
  if (current !== expected) {
    throw new AppError(
      409,
      'version_conflict',
      `${entity} was changed by someone else (version ${current}, you edited ${expected}); reload and try again.`,
      {
        currentVersion: current,
      },
    );
  }
}
