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
  // PGlite is one session. pglite-socket multiplexes several connections onto it, but under
  // concurrent load it interleaves protocol messages of different connections and stalls (seen
  // here: 503s, then a hang, with 120 parallel requests). One pooled connection serialises the
  // queries in `pg`'s pool instead, which is safe and quick enough for an embedded database.
  const poolSize = embedded ? 1 : config.dbPoolSize;
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
