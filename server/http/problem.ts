import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { QueryFailedError, QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import type { ErrorCode, ProblemDetails } from '../../shared/errors';
import { AppError } from './app-error';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Writes an RFC 9457 problem document. */
export function sendProblem(
  res: Response,
  status: number,
  code: ErrorCode,
  detail: string,
  extensions: Record<string, unknown> = {},
): void {
  const body: ProblemDetails = {
    type: `https://cairn.dev/problems/${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    code,
    detail,
    requestId: res.req.id ? String(res.req.id) : undefined,
    ...extensions,
  };
  if (status === 401 && !res.getHeader('WWW-Authenticate')) res.setHeader('WWW-Authenticate', 'Bearer realm="cairn"');
  res.status(status).type('application/problem+json').send(JSON.stringify(body));
}

/** Unknown routes under /api get a 404 problem. */
export const routeNotFound: RequestHandler = (req, res) => {
  sendProblem(res, 404, 'route_not_found', `No route ${req.method} ${req.path}.`);
};

/**
 * Socket errors and SQLSTATEs of class 08 (connection exception) and 57P (operator intervention:
 * admin_shutdown from pg_terminate_backend, crash_shutdown, cannot_connect_now).
 */
const CONNECTION_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  '08007',
]);

const CONNECTION_MESSAGES =
  /Connection terminated|terminating connection|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed|Cannot use a pool after calling end|server closed the connection unexpectedly/i;

/**
 * Every way a lost database connection shows itself. When pg_terminate_backend (a failover, a
 * restart) ends a backend while its transaction waits between two statements, TypeORM releases the
 * query runner on the client's error event and the next statement fails with
 * QueryRunnerAlreadyReleasedError instead of a driver error.
 */
function isConnectionError(error: unknown): boolean {
  if (error instanceof QueryRunnerAlreadyReleasedError || error instanceof QueryRunnerProviderAlreadyReleasedError) return true;
  const e = error as { code?: string; message?: string; driverError?: { code?: string; message?: string } };
  const code = e.code ?? e.driverError?.code;
  if (code && CONNECTION_ERRORS.has(code)) return true;
  return CONNECTION_MESSAGES.test(e.message ?? '') || CONNECTION_MESSAGES.test(e.driverError?.message ?? '');
}

/** Turns every error into problem+json; only a bug becomes a 500, and it leaks no stack or SQL. */
export const errorHandler: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  if (res.headersSent) {
    res.end();
    return;
  }
  if (error instanceof AppError) {
    const retryAfter = error.extensions.retryAfterSeconds;
    if (error.status === 429 && typeof retryAfter === 'number') res.setHeader('Retry-After', String(retryAfter));
    sendProblem(res, error.status, error.code, error.message, error.extensions);
    return;
  }
  const httpError = error as { type?: string; status?: number; statusCode?: number };
  // The router cannot percent-decode a path parameter such as `%ZZ` or `%C0%AF`.
  if (error instanceof URIError) {
    sendProblem(res, 400, 'validation_failed', 'The URL is not correctly percent-encoded.');
    return;
  }
  if (httpError.type === 'entity.parse.failed') {
    sendProblem(res, 400, 'malformed_json', 'The request body is not valid JSON.');
    return;
  }
  if (httpError.type === 'entity.too.large') {
    sendProblem(res, 413, 'payload_too_large', 'The request body is too large.');
    return;
  }
  if (httpError.type === 'encoding.unsupported' || httpError.type === 'charset.unsupported') {
    sendProblem(res, 415, 'validation_failed', 'Unsupported request encoding.');
    return;
  }
  if (error instanceof QueryFailedError) {
    const pgCode = (error as QueryFailedError & { driverError?: { code?: string } }).driverError?.code;
    if (pgCode === '23505') {
      sendProblem(res, 409, 'unique_violation', 'A record with the same unique value already exists.');
      return;
    }
    // not_null_violation: a DTO let an explicit null through to a required column (@IsOptional
    // accepts null), e.g. PATCH /users/:id {"role": null}; the transaction rolled back, so it is the
    // request that is wrong.
    if (pgCode === '23502') {
      sendProblem(res, 400, 'validation_failed', 'A required value in the request is null.');
      return;
    }
    // character_not_in_repertoire (NUL in text) and untranslatable_character (\u0000 in jsonb):
    // parseDto refuses such text in every body and query, naming the field; this catches text
    // that reaches the database another way.
    if (pgCode === '22021' || pgCode === '22P05') {
      sendProblem(res, 400, 'validation_failed', 'A text in the request holds a NUL character or is not valid Unicode.');
      return;
    }
    if (pgCode === '22P02' || pgCode === '22003' || pgCode === '22007' || pgCode === '22008') {
      sendProblem(res, 400, 'validation_failed', 'A value in the request has the wrong format.');
      return;
    }
    if (pgCode === '40001' || pgCode === '40P01') {
      sendProblem(res, 409, 'conflict', 'A concurrent change got there first; try again.');
      return;
    }
  }
  if (isConnectionError(error)) {
    sendProblem(res, 503, 'database_unavailable', 'The database is unavailable; try again shortly.');
    return;
  }
  req.log?.error({ err: error }, 'unhandled error');
  sendProblem(res, 500, 'internal_error', 'Something went wrong on our side.');
};
