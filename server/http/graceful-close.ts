import type http from 'node:http';
import net from 'node:net';

/**
 * Prepares `server` to stop without dropping a request it has accepted, and returns the function
 * that stops it. Stopping:
 *
 * - stops listening at once, so new connections are refused (a proxy sends them elsewhere);
 * - lets every request in flight finish, with `Connection: close` on its response when the
 *   headers have not gone yet, so the client opens its next connection somewhere else;
 * - answers a request that still arrives on an open keep-alive connection, also with
 *   `Connection: close`;
 * - leaves idle keep-alive connections to the keep-alive timeout (the server announces it as
 *   `Keep-Alive: timeout=N`, and clients that honour it close theirs first).
 *
 * `http.Server.close()` is not used: it also destroys idle keep-alive connections at once, and a
 * client that is writing its next request on one of them at that moment loses that request.
 * The returned promise resolves when the last connection has closed.
 */
export function gracefulClose(server: http.Server): () => Promise<void> {
  const inFlight = new Set<http.ServerResponse>();
  let closing = false;
  server.prependListener('request', (_req: http.IncomingMessage, res: http.ServerResponse) => {
    if (closing) res.setHeader('Connection', 'close');
    inFlight.add(res);
    res.on('close', () => inFlight.delete(res));
  });
  return () => {
    closing = true;
    for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
    return new Promise<void>((resolve, reject) => {
      net.Server.prototype.close.call(server, (error?: Error) => (error ? reject(error) : resolve()));
    });
  };
}
