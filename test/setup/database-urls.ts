/** The URL of the same server with another database name. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** The migrated template of this test run (named by scripts/test.mjs, unique per run). */
export function templateDatabaseUrl(url: string): string {
  const base = new URL(url).pathname.slice(1) || 'postgres';
  return withDatabase(url, process.env.CAIRN_TEST_TEMPLATE ?? `${base}_cairn_template`);
}
