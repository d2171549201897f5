import type { EntityManager } from 'typeorm';
import type { ConnectionTestResult, SourceQueryResult } from '../../../shared/api/monitors';
import { badRequest, conflict, notFound, sourceQueryFailed } from '../../http/app-error';
import type { Actor } from '../../http/context';
import type { AppDeps } from '../../http/deps';
import { auditable, recordAudit } from '../audit/audit.service';
import { DataSourceRecord } from './data-source.entity';
import { openSecret, sealSecret } from './secret-box';
import { pingSource, querySource, SourceError, type SourceConnection } from './source-client';
import type { CreateDataSourceDto, UpdateDataSourceDto } from './sources.dto';
import { SqlRefusal } from './sql-guard';

/** The sealed password never enters the audit log. */
const SECRET_FIELDS = ['passwordSealed'];

export interface SourceResult {
  source: DataSourceRecord;
  hasPassword: boolean;
}

/** Which fields each kind needs; the others are cleared so a record never carries both. */
function checkShape(source: DataSourceRecord): void {
  if (source.kind === 'postgres') {
    if (!source.host) throw badRequest('host', 'is required for a PostgreSQL source');
    if (!source.database) throw badRequest('database', 'is required for a PostgreSQL source');
    if (!source.user) throw badRequest('user', 'is required for a PostgreSQL source');
    source.path = null;
  } else {
    if (!source.path) throw badRequest('path', 'is required for a DuckDB source (a .duckdb file or a folder of CSV/Parquet files)');
    if (!source.path.startsWith('/')) throw badRequest('path', 'must be an absolute path');
    source.host = null;
    source.port = null;
    source.database = null;
    source.user = null;
    source.ssl = false;
  }
}

async function loadSealed(em: EntityManager, id: string): Promise<string | null> {
  const row = await em
    .getRepository(DataSourceRecord)
    .createQueryBuilder('s')
    .select('s.passwordSealed', 'sealed')
    .where('s.id = :id', { id })
    .getRawOne<{ sealed: string | null }>();
  return row?.sealed ?? null;
}

async function withPasswordFlags(em: EntityManager, sources: DataSourceRecord[]): Promise<SourceResult[]> {
  if (!sources.length) return [];
  const rows: { id: string; has: boolean }[] = await em.query(
    `SELECT id, password_sealed IS NOT NULL AS has FROM data_source WHERE id = ANY($1)`,
    [sources.map((s) => s.id)],
  );
  const has = new Map(rows.map((row) => [row.id, row.has]));
  return sources.map((source) => ({ source, hasPassword: has.get(source.id) ?? false }));
}

export async function listDataSources(deps: AppDeps): Promise<SourceResult[]> {
  const em = deps.dataSource.manager;
  return withPasswordFlags(em, await em.find(DataSourceRecord, { order: { name: 'ASC' } }));
}

export async function getDataSource(deps: AppDeps, id: string): Promise<SourceResult> {
  const em = deps.dataSource.manager;
  const source = await em.findOneBy(DataSourceRecord, { id });
  if (!source) throw notFound('Data source');
  return (await withPasswordFlags(em, [source]))[0];
}

export async function createDataSource(deps: AppDeps, actor: Actor, input: CreateDataSourceDto): Promise<SourceResult> {
  return deps.dataSource.transaction(async (tx) => {
    if (await tx.existsBy(DataSourceRecord, { name: input.name.trim() }))
      throw conflict('unique_violation', `A data source named ${input.name.trim()} exists already.`);
    const source = tx.create(DataSourceRecord, {
      name: input.name.trim(),
      kind: input.kind,
      host: input.host ?? null,
      port: input.port ?? (input.kind === 'postgres' ? 5432 : null),
      database: input.database ?? null,
      user: input.user ?? null,
      ssl: input.ssl ?? false,
      path: input.path ?? null,
      statementTimeoutMs: input.statementTimeoutMs ?? 30_000,
      rowLimit: input.rowLimit ?? 50_000,
    });
    checkShape(source);
    await tx.save(source);
    if (input.password !== undefined) {
      // sealed once the id exists: the id is the associated data, so a sealed value cannot be moved to another row
      await tx.update(DataSourceRecord, { id: source.id }, { passwordSealed: sealSecret(deps.config, input.password, source.id) });
    }
    await recordAudit(tx, actor, {
      action: 'data_source.create',
      entityType: 'data_source',
      entityId: source.id,
      after: { ...auditable(source, SECRET_FIELDS), hasPassword: input.password !== undefined },
    });
    return { source, hasPassword: input.password !== undefined };
  });
}

export async function updateDataSource(
  deps: AppDeps,
  actor: Actor,
  id: string,
  input: UpdateDataSourceDto,
): Promise<SourceResult> {
  return deps.dataSource.transaction(async (tx) => {
    const source = await tx.findOne(DataSourceRecord, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!source) throw notFound('Data source');
    const before = auditable(source, SECRET_FIELDS);
    if (input.name !== undefined && input.name.trim() !== source.name) {
      if (await tx.existsBy(DataSourceRecord, { name: input.name.trim() }))
        throw conflict('unique_violation', `A data source named ${input.name.trim()} exists already.`);
      source.name = input.name.trim();
    }
    for (const field of ['host', 'port', 'database', 'user', 'ssl', 'path', 'statementTimeoutMs', 'rowLimit'] as const) {
      if (input[field] !== undefined) (source as unknown as Record<string, unknown>)[field] = input[field];
    }
    checkShape(source);
    await tx.save(source);
    if (input.password !== undefined) {
      await tx.update(
        DataSourceRecord,
        { id },
        { passwordSealed: input.password === null ? null : sealSecret(deps.config, input.password, id) },
      );
    }
    const hasPassword = (await loadSealed(tx, id)) !== null;
    await recordAudit(tx, actor, {
      action: 'data_source.update',
      entityType: 'data_source',
      entityId: id,
      before,
      after: { ...auditable(source, SECRET_FIELDS), passwordChanged: input.password !== undefined },
    });
    return { source, hasPassword };
  });
}

export async function deleteDataSource(deps: AppDeps, actor: Actor, id: string): Promise<void> {
  await deps.dataSource.transaction(async (tx) => {
    const source = await tx.findOne(DataSourceRecord, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!source) throw notFound('Data source');
    const [{ n }]: { n: number }[] = await tx.query(`SELECT count(*)::int AS n FROM monitor WHERE source_id = $1`, [id]);
    if (n > 0) throw conflict('conflict', `${n} monitor(s) read from ${source.name}; delete or move them first.`, { monitors: n });
    await tx.delete(DataSourceRecord, { id });
    await recordAudit(tx, actor, {
      action: 'data_source.delete',
      entityType: 'data_source',
      entityId: id,
      before: auditable(source, SECRET_FIELDS),
    });
  });
}

/** The record with its password opened, for a connection. */
export async function connectionOf(deps: AppDeps, em: EntityManager, id: string): Promise<SourceConnection> {
  const source = await em.findOneBy(DataSourceRecord, { id });
  if (!source) throw notFound('Data source');
  const sealed = await loadSealed(em, id);
  let password: string | null = null;
  if (sealed) {
    try {
      password = openSecret(deps.config, sealed, id);
    } catch {
      throw new SourceError('auth', 'the stored password cannot be opened: CAIRN_SECRET_KEY changed since it was saved; save it again');
    }
  }
  return { source, password };
}

/** POST /sources/:id/test: `select 1` within the timeout; a failure is an answer (ok: false), not an error. */
export async function testDataSource(deps: AppDeps, id: string): Promise<ConnectionTestResult> {
  const started = Date.now();
  try {
    await pingSource(await connectionOf(deps, deps.dataSource.manager, id));
    return { ok: true, message: 'Connected: select 1 answered.', ms: Date.now() - started };
  } catch (error) {
    if (!(error instanceof SourceError)) throw error;
    return { ok: false, message: error.message, ms: Date.now() - started };
  }
}

/** Throws the 400 a refused or failed query deserves. */
export function asBadRequest(error: unknown): never {
  if (error instanceof SqlRefusal) throw badRequest('sql', error.message);
  if (error instanceof SourceError) throw sourceQueryFailed(error.reason, error.message);
  throw error;
}

/** POST /sources/:id/query: a read-only preview, capped at the source's row limit. */
export async function previewQuery(deps: AppDeps, id: string, sql: string): Promise<SourceQueryResult> {
  const connection = await connectionOf(deps, deps.dataSource.manager, id);
  const started = Date.now();
  try {
    const answer = await querySource(connection, sql);
    return { ...answer, ms: Date.now() - started };
  } catch (error) {
    return asBadRequest(error);
  }
}
