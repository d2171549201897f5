import type { DataSourceView } from '../../../shared/api/monitors';
import type { DataSourceRecord } from './data-source.entity';

/** The password stays on the server: only whether one is stored. */
export function presentDataSource(source: DataSourceRecord, hasPassword: boolean): DataSourceView {
  return {
    id: source.id,
    name: source.name,
    kind: source.kind,
    host: source.host,
    port: source.port,
    database: source.database,
    user: source.user,
    ssl: source.ssl,
    path: source.path,
    hasPassword,
    statementTimeoutMs: source.statementTimeoutMs,
    rowLimit: source.rowLimit,
    createdAt: source.createdAt.toISOString(),
    updatedAt: source.updatedAt.toISOString(),
  };
}
