/** Stable error codes carried by every problem+json answer. */
export const ERROR_CODES = [
  'validation_failed',
  'malformed_json',
  'payload_too_large',
  'unauthenticated',
  'forbidden',
  'csrf_required',
  'not_found',
  'route_not_found',
  'conflict',
  'unique_violation',
  'version_conflict',
  'precondition_required',
  'gate_blocked',
  'invalid_transition',
  'phase_not_allowed',
  'domain_on_hold',
  'role_already_signed',
  'role_decided',
  'not_at_risk',
  'risk_not_acknowledged',
  'rate_limited',
  'source_query_failed',
  'monitor_busy',
  'invalid_credentials',
  'password_login_disabled',
  'database_unavailable',
  // answered by the proxy (deploy/nginx.conf) when no app process answers
  'service_unavailable',
  'internal_error',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The body of every error response (RFC 9457 problem details). */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail: string;
  requestId?: string;
  /** One entry per invalid field, for validation errors. */
  errors?: { field: string; message: string }[];
  /** Gate or transition specifics: blocking reasons, allowed transitions. */
  [extension: string]: unknown;
}
