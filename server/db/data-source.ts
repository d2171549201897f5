import 'reflect-metadata';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { ENTITIES } from './entities';

/**
 * The one DataSource factory (app, migration scripts, tests). `synchronize` stays off: the schema
 * comes from migrations only.
 */
export function createDataSource(url: string, poolSize = 10): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: [path.join(__dirname, '..', '..', 'migrations', '*.{js,ts}')],
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+ and PGlite; no extension needed.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    logging: false,
    poolSize,
    extra: { max: poolSize, connectionTimeoutMillis: 10_000 },
  });
}

/** Runs pending migrations; returns their names. */
export async function migrate(dataSource: DataSource): Promise<string[]> {
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  return applied.map((migration) => migration.name);
}
