import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { Client, type ClientConfig } from 'pg';
import type { DataSourceRecord } from './data-source.entity';
import { checkReadOnlySql } from './sql-guard';

export type Cell = string | number | boolean | null;

export interface QueryAnswer {
  columns: string[];
  rows: Record<string, Cell>[];
  truncated: boolean;
}

/** A query the source refused or could not answer; `reason` is safe to show to an admin. */
export class SourceError extends Error {
  constructor(
    readonly reason: 'auth' | 'timeout' | 'unreachable' | 'read_only' | 'permission' | 'query',
    message: string,
  ) {
    super(message);
    this.name = 'SourceError';
  }
}

/** What a connection needs: the record and its opened password. */
export interface SourceConnection {
  source: Pick<
    DataSourceRecord,
    'kind' | 'host' | 'port' | 'database' | 'user' | 'ssl' | 'path' | 'statementTimeoutMs' | 'rowLimit'
  >;
  password: string | null;
}

const DATA_FILE = /\.(csv|tsv|parquet)$/i;

function cell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  return String(value);
}

function pgConfig({ source, password }: SourceConnection): ClientConfig {
  const timeout = source.statementTimeoutMs;
  return {
    host: source.host ?? undefined,
    port: source.port ?? undefined,
    database: source.database ?? undefined,
    user: source.user ?? undefined,
    password: password ?? undefined,
    ssl: source.ssl ? { rejectUnauthorized: true } : false,
    connectionTimeoutMillis: timeout,
    statement_timeout: timeout,
    lock_timeout: timeout,
    idle_in_transaction_session_timeout: timeout * 2,
    // the client side gives up a little after the server would have
    query_timeout: timeout + 2_000,
    application_name: 'cairn-monitor',
  };
}

/** PostgreSQL and network failures in an admin's words. */
function pgError(error: unknown): SourceError {
  const e = error as { code?: string; message?: string };
  const message = e.message ?? String(error);
  switch (e.code) {
    case '28P01':
    case '28000':
      return new SourceError('auth', `authentication failed: ${message}`);
    case '57014':
      return new SourceError('timeout', 'the query ran past the statement timeout and was cancelled');
    case '25006':
      return new SourceError('read_only', `refused by the read-only transaction: ${message}`);
    case '42501':
      return new SourceError('permission', `refused by the source's role: ${message}`);
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EHOSTUNREACH':
    case 'ECONNRESET':
      return new SourceError('unreachable', `cannot reach the server: ${message}`);
  }
  if (/timeout/i.test(message)) return new SourceError('timeout', `timed out: ${message}`);
  return new SourceError('query', message);
}

async function withPg<T>(connection: SourceConnection, run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client(pgConfig(connection));
  // A server that drops the connection mid-query must not crash the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
    // READ ONLY: whatever the role may do, this session writes nothing.
    await client.query('BEGIN TRANSACTION READ ONLY');
    try {
      return await run(client);
    } finally {
      await client.query('ROLLBACK').catch(() => undefined);
    }
  } catch (error) {
    throw error instanceof SourceError ? error : pgError(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * A DuckDB connection, read-only: a .duckdb file is opened READ_ONLY; a folder gets an in-memory
 * database with one view per CSV / Parquet file (named after the file). Either way, file access
 * is then limited to that folder and the configuration locked, so a query cannot widen it.
 */
async function withDuck<T>(connection: SourceConnection, run: (db: DuckDBConnection) => Promise<T>): Promise<T> {
  const where = connection.source.path;
  if (!where) throw new SourceError('unreachable', 'no path configured');
  let stat: fs.Stats;
  try {
    stat = fs.statSync(where);
  } catch {
    throw new SourceError('unreachable', `no such file or folder: ${where}`);
  }
  let instance: DuckDBInstance | null = null;
  let db: DuckDBConnection | null = null;
  try {
    if (stat.isDirectory()) {
      instance = await DuckDBInstance.create(':memory:', { threads: '2' });
      db = await instance.connect();
      for (const file of fs.readdirSync(where).filter((name) => DATA_FILE.test(name)).sort()) {
        const view = file.replace(DATA_FILE, '').replace(/[^A-Za-z0-9_]/g, '_');
        const full = path.join(where, file).replace(/'/g, "''");
        const reader = /\.parquet$/i.test(file) ? 'read_parquet' : 'read_csv_auto';
        await db.run(`CREATE VIEW "${view}" AS SELECT * FROM ${reader}('${full}')`);
      }
      await db.run(`SET allowed_directories = ['${path.resolve(where).replace(/'/g, "''")}']`);
    } else {
      instance = await DuckDBInstance.create(where, { access_mode: 'READ_ONLY', threads: '2' });
      db = await instance.connect();
    }
    await db.run('SET enable_external_access = false');
    await db.run('SET lock_configuration = true');
    const open = db;
    const timer = setTimeout(() => open.interrupt(), connection.source.statementTimeoutMs);
    try {
      return await run(db);
    } catch (error) {
      const message = (error as Error).message ?? String(error);
      if (/interrupt/i.test(message))
        throw new SourceError('timeout', 'the query ran past the statement timeout and was cancelled');
      if (/read-only|read only/i.test(message)) throw new SourceError('read_only', message);
      if (/Permission Error/i.test(message)) throw new SourceError('permission', message);
      throw new SourceError('query', message);
    } finally {
      clearTimeout(timer);
    }
  } catch (error) {
    if (error instanceof SourceError) throw error;
    throw new SourceError('unreachable', (error as Error).message ?? String(error));
  } finally {
    db?.closeSync();
    instance?.closeSync();
  }
}

/** `select 1`, within the source's statement timeout. */
export async function pingSource(connection: SourceConnection): Promise<void> {
  if (connection.source.kind === 'postgres') {
    await withPg(connection, (client) => client.query('select 1'));
  } else {
    await withDuck(connection, (db) => db.run('select 1'));
  }
}

/**
 * Runs one read-only query (checkReadOnlySql first; throws its SqlRefusal) and returns at most the
 * source's row limit, saying whether more rows were there.
 */
export async function querySource(connection: SourceConnection, sql: string): Promise<QueryAnswer> {
  const statement = checkReadOnlySql(sql);
  const cap = connection.source.rowLimit;
  // The cap is part of the query, so the source never sends more than one row beyond it.
  const capped = `SELECT * FROM (\n${statement}\n) AS cairn_query LIMIT ${cap + 1}`;
  let columns: string[];
  let rows: Record<string, Cell>[];
  if (connection.source.kind === 'postgres') {
    const result = await withPg(connection, (client) => client.query<Record<string, unknown>>(capped));
    columns = result.fields.map((field) => field.name);
    rows = result.rows.map((row) => Object.fromEntries(columns.map((name) => [name, cell(row[name])])));
  } else {
    // read while the database is open: the chunks live in DuckDB's memory
    const answer = await withDuck(connection, async (db) => {
      const reader = await db.runAndReadAll(capped);
      const names = reader.columnNames();
      return {
        names,
        rows: reader.getRowObjectsJS().map((row) => Object.fromEntries(names.map((name) => [name, cell(row[name])]))),
      };
    });
    columns = answer.names;
    rows = answer.rows;
  }
  const truncated = rows.length > cap;
  return { columns, rows: truncated ? rows.slice(0, cap) : rows, truncated };
}
