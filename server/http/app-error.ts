import type { ErrorCode } from '../../shared/errors';

/**
 * The one error type services and routers throw; the error middleware renders it as problem+json.
 * Throw it through the named helpers below (ESLint refuses `new AppError` elsewhere), so each
 * status keeps one code and one shape.
 */
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

export interface FieldError {
  field: string;
  message: string;
}

/** 400 with one entry per invalid field. */
export const invalid = (detail: string, errors: FieldError[]): AppError =>
  new AppError(400, 'validation_failed', detail, { errors });
/** 400 for one field. */
export const badRequest = (field: string, message: string): AppError =>
  invalid(`${field}: ${message}`, [{ field, message }]);
export const malformedJson = (): AppError => new AppError(400, 'malformed_json', 'The request body is not valid JSON.');
export const unauthenticated = (detail = 'Sign in first.'): AppError => new AppError(401, 'unauthenticated', detail);
/** The one answer to a failed login, whatever failed (unknown email, wrong password, deactivated account). */
export const invalidCredentials = (): AppError =>
  new AppError(401, 'invalid_credentials', 'Email or password is wrong.');
/** 403: CAIRN_PASSWORD_LOGIN is off, or break-glass and this is not a break-glass admin. */
export const passwordLoginDisabled = (): AppError =>
  new AppError(403, 'password_login_disabled', 'Password sign-in is turned off here: sign in with single sign-on.');
export const forbidden = (detail = 'You are not allowed to do this.'): AppError =>
  new AppError(403, 'forbidden', detail);
export const csrfRequired = (header: string): AppError =>
  new AppError(403, 'csrf_required', `Cookie-authenticated requests that change data must send the ${header} header.`);
export const notFound = (what: string): AppError => new AppError(404, 'not_found', `${what} was not found.`);
export const conflict = (code: ErrorCode, detail: string, extensions: Record<string, unknown> = {}): AppError =>
  new AppError(409, code, detail, extensions);
/** 412: the resource changed since the version the caller named. */
export const preconditionFailed = (detail: string, extensions: Record<string, unknown> = {}): AppError =>
  new AppError(412, 'version_conflict', detail, extensions);
/** 428: an edit that names no version could overwrite someone else's. */
export const preconditionRequired = (detail: string): AppError => new AppError(428, 'precondition_required', detail);
/** 400: a data source refused a monitor's query or could not answer it (`reason`: auth, timeout, read_only …). */
export const sourceQueryFailed = (reason: string, detail: string): AppError =>
  new AppError(400, 'source_query_failed', `The data source did not answer the query: ${detail}`, { reason });
/** 409: a run of this monitor is in progress (in this or another process). */
export const monitorBusy = (detail: string): AppError => new AppError(409, 'monitor_busy', detail);
/** 429, with the seconds to wait (sent as Retry-After). */
export const tooManyRequests = (detail: string, retryAfterSeconds: number): AppError =>
  new AppError(429, 'rate_limited', detail, { retryAfterSeconds });
