import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A PGlite database served over a unix socket so the ordinary `pg` driver can use it. */
export interface EmbeddedDatabase {
  url: string;
  maxConnections: number;
  stop(): Promise<void>;
}

/**
 * Starts PGlite on `dataDir` behind pglite-socket. The socket lives in a short temp folder
 * (unix socket paths are limited to ~100 bytes); its multiplexer keeps a transaction on the
 * connection that opened it, so TypeORM's pool must stay within `maxConnections`.
 */
export async function startEmbeddedDatabase(dataDir: string, maxConnections = 10): Promise<EmbeddedDatabase> {
  fs.mkdirSync(dataDir, { recursive: true });
  // Both packages are ESM-only in spirit; a dynamic import keeps this file CommonJS.
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const db = await PGlite.create({ dataDir });
  const socketDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-pg-'));
  const server = new PGLiteSocketServer({ db, path: path.join(socketDir, '.s.PGSQL.5432'), maxConnections });
  await server.start();
  return {
    url: `postgres://postgres@localhost/postgres?host=${encodeURIComponent(socketDir)}`,
    maxConnections,
    async stop() {
      await server.stop();
      await db.close();
      fs.rmSync(socketDir, { recursive: true, force: true });
    },
  };
}
