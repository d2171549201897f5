import type { ErrorCode } from '../../shared/errors';

/** The one error type services and routers throw; the error middleware renders it as problem+json. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    detail: string,
    /** extension members of the problem document (field errors, blocking reasons …) */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = 'AppError';
  }
}

export const notFound = (what: string): AppError => new AppError(404, 'not_found', `${what} was not found.`);
export const forbidden = (detail = 'You are not allowed to do this.'): AppError => new AppError(403, 'forbidden', detail);
export const conflict = (code: ErrorCode, detail: string, extensions: Record<string, unknown> = {}): AppError =>
  new AppError(409, code, detail, extensions);
export const badRequest = (field: string, message: string): AppError =>
  new AppError(400, 'validation_failed', `${field}: ${message}`, { errors: [{ field, message }] });
