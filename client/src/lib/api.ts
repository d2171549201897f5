import { CSRF_HEADER } from '@shared/api/auth';
import type { BlockingReason } from '@shared/workflow/types';

export const API_BASE = '/api/v1';

export interface FieldError {
  field: string;
  message: string;
}

/** A failed API call, parsed from the server's problem+json body. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly errors: FieldError[];
  /** Set when an advance was refused because the gate is blocked. */
  readonly blocking: BlockingReason[];
  readonly requestId: string | null;
  readonly body: Record<string, unknown>;

  constructor(status: number, body: Record<string, unknown>) {
    const detail = typeof body.detail === 'string' ? body.detail : '';
    const title = typeof body.title === 'string' ? body.title : `Request failed (${status})`;
    super(detail || title);
    this.name = 'ApiError';
    this.status = status;
    this.code = typeof body.code === 'string' ? body.code : status === 0 ? 'network_error' : 'unknown_error';
    this.title = title;
    this.detail = detail || title;
    this.errors = Array.isArray(body.errors) ? (body.errors as unknown[]).filter(isFieldError) : [];
    this.blocking = Array.isArray(body.blocking) ? (body.blocking as BlockingReason[]) : [];
    this.requestId = typeof body.requestId === 'string' ? body.requestId : null;
    this.body = body;
  }

  /** The server's message for one field, if the request was rejected for it. */
  fieldError(field: string): string | undefined {
    return this.errors.find((e) => e.field === field || e.field.endsWith(`.${field}`))?.message;
  }
}

function isFieldError(value: unknown): value is FieldError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as FieldError).field === 'string' &&
    typeof (value as FieldError).message === 'string'
  );
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** Query parameters; empty strings, null and undefined are left out. */
export type QueryParams = Record<string, string | number | boolean | null | undefined>;

export function toQueryString(params?: QueryParams): string {
  if (!params) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

interface RequestOptions {
  query?: QueryParams;
  body?: unknown;
  /** a body sent as it is (an uploaded JSON file), instead of `body` */
  rawJson?: string;
  /** optimistic concurrency: the version the edit was based on */
  ifMatch?: number | string;
  signal?: AbortSignal;
}

async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (method !== 'GET' && method !== 'HEAD') headers[CSRF_HEADER] = '1';
  if (options.body !== undefined || options.rawJson !== undefined) headers['Content-Type'] = 'application/json';
  // a version becomes its strong entity tag, the ETag the server sent with the resource
  if (options.ifMatch !== undefined)
    headers['If-Match'] = typeof options.ifMatch === 'number' ? `"${options.ifMatch}"` : options.ifMatch;

  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}${toQueryString(options.query)}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.rawJson ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, {
      title: 'Network error',
      detail: 'The server could not be reached. Check your connection and try again.',
    });
  }

  if (response.status === 204) return undefined as T;
  const contentType = response.headers.get('content-type') ?? '';
  const isJson = contentType.includes('json');
  const payload: unknown = isJson ? await response.json().catch(() => null) : await response.text();

  if (!response.ok) {
    const body =
      isJson && payload && typeof payload === 'object'
        ? (payload as Record<string, unknown>)
        : { title: response.statusText || `Request failed (${response.status})` };
    throw new ApiError(response.status, body);
  }
  return payload as T;
}

/** The one way the client talks to the server. */
export const api = {
  get: <T>(path: string, query?: QueryParams, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} }),
  /** POST of a JSON file as the user chose it, so the server names what is wrong with it */
  postFile: <T>(path: string, json: string, query?: QueryParams) => request<T>('POST', path, { rawJson: json, query }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body: body ?? {} }),
  patch: <T>(path: string, body: unknown, ifMatch?: number | string) => request<T>('PATCH', path, { body, ifMatch }),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
};

/**
 * Whether asking again may help: the server could not be reached, was busy or failed (5xx, 408,
 * 429). A 404, a 403 or a refused request answers the same the second time.
 */
export function isRetryable(error: unknown): boolean {
  if (!isApiError(error)) return true;
  return error.status === 0 || error.status === 408 || error.status === 429 || error.status >= 500;
}

/** Words for an error, for places that show one line. */
export function errorMessage(error: unknown): string {
  if (isApiError(error)) {
    if (error.code === 'version_conflict')
      return 'Someone else changed this in the meantime. Reload to see their change, then try again.';
    return error.detail;
  }
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}
