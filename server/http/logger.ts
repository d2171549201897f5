import crypto from 'node:crypto';
import pino from 'pino';
import { pinoHttp } from 'pino-http';

export function createLogger(level: string) {
  return pino({
    level,
    redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]', '*.password'],
  });
}

/** A URL as the access log keeps it: a badge's `token` (the key of a public badge) is never written. */
export function redactUrl(url: string): string {
  return url.replace(/([?&]token=)[^&#]*/gi, '$1[redacted]');
}

/** Request logging with a request id taken from `x-request-id` or minted, echoed back in the response. */
export function requestLogger(logger: pino.Logger) {
  return pinoHttp({
    logger,
    genReqId: (req, res) => {
      const incoming = req.headers['x-request-id'];
      const id = typeof incoming === 'string' && /^[\w.-]{1,64}$/.test(incoming) ? incoming : crypto.randomUUID();
      res.setHeader('x-request-id', id);
      return id;
    },
    // Read when the line is written, after authentication: who made the request.
    customProps: (req) => ({ userId: (req as { actor?: { user: { id: string } } }).actor?.user.id }),
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
    // One short line per request: method, path, status, time, the request id and the user id.
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        url: redactUrl(req.url),
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
}
