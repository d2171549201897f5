/** `npm run migrate`: applies pending migrations to DATABASE_URL or the embedded database. */
import { loadConfig } from '../config';
import { openDatabase } from './database';
import { migrate } from './data-source';

async function main(): Promise<void> {
  const database = await openDatabase(loadConfig());
  try {
    const applied = await migrate(database.dataSource);
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
