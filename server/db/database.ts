import type { DataSource } from 'typeorm';
import type { Config } from '../config';
import { createDataSource } from './data-source';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './embedded';

export interface Database {
  dataSource: DataSource;
  embedded: EmbeddedDatabase | null;
  close(): Promise<void>;
}

/** Connects to DATABASE_URL, or starts the embedded PGlite database in CAIRN_DATA_DIR. */
export async function openDatabase(config: Config): Promise<Database> {
  const embedded = config.databaseUrl ? null : await startEmbeddedDatabase(config.dataDir, config.dbPoolSize);
  const url = config.databaseUrl ?? embedded!.url;
  // The socket multiplexer serves at most maxConnections; the pool must not ask for more.
  const poolSize = embedded ? Math.min(config.dbPoolSize, embedded.maxConnections) : config.dbPoolSize;
  const dataSource = createDataSource(url, poolSize);
  await dataSource.initialize();
  return {
    dataSource,
    embedded,
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
      if (embedded) await embedded.stop();
    },
  };
}
