import { Client } from 'pg';

/** Key of the session advisory lock held while a process migrates and loads data at start. */
const STARTUP_LOCK_KEY = 4_172_903_118;

/**
 * Runs `work` while this process holds a PostgreSQL advisory lock on a connection of its own, so
 * that several app processes starting at once on one database (`docker compose up --scale app=3`)
 * migrate, install the job queue and load the demo data one after another: the first does the
 * work, the others wait and find it done. A process that dies while holding the lock loses its
 * connection and with it the lock.
 *
 * Without `databaseUrl` (the embedded database, which only this process can open) there is no one
 * to wait for, and `work` just runs.
 */
export async function withStartupLock<T>(databaseUrl: string | null, work: () => Promise<T>): Promise<T> {
  if (!databaseUrl) return work();
  const client = new Client({ connectionString: databaseUrl, application_name: 'cairn startup lock' });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [STARTUP_LOCK_KEY]);
    return await work();
  } finally {
    // Ending the session releases the lock, also when the unlock itself fails.
    await client.query('SELECT pg_advisory_unlock($1)', [STARTUP_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}
