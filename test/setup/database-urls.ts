/** The URL of the same server with another database name. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export function templateDatabaseUrl(url: string): string {
  const base = new URL(url).pathname.slice(1) || 'postgres';
  return withDatabase(url, `${base}_cairn_template`);
}
