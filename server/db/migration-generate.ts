/**
 * Generates a migration from the difference between the entities and a database that has every
 * existing migration applied, like `typeorm migration:generate`. With `--check` it writes nothing
 * and exits 1 when the entities and migrations drift.
 *
 *   npm run migration:generate -- add-webhooks
 *   npm run migration:check
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config';
import { openDatabase } from './database';
import { migrate } from './data-source';

function toCode(queries: { query: string; parameters?: unknown[] }[]): string {
  return queries
    .map((q) => {
      const params = q.parameters && q.parameters.length ? `, ${JSON.stringify(q.parameters)}` : '';
      return `    await queryRunner.query(${JSON.stringify(q.query)}${params});`;
    })
    .join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const name = args.find((a) => !a.startsWith('--')) ?? 'migration';
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    await migrate(database.dataSource);
    const sql = await database.dataSource.driver.createSchemaBuilder().log();
    const up = sql.upQueries;
    if (check) {
      if (up.length) {
        console.error(`Entities and migrations drift (${up.length} statements):`);
        for (const q of up) console.error(`  ${q.query}`);
        process.exitCode = 1;
      } else {
        console.log('No drift: entities match the migrations.');
      }
      return;
    }
    if (!up.length) {
      console.log('Nothing to generate: entities match the migrations.');
      return;
    }
    const timestamp = Date.now();
    const kebab = name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
    const className = kebab.replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase()) + timestamp;
    const file = path.join(process.cwd(), 'migrations', `${timestamp}-${kebab}.ts`);
    const down = [...sql.downQueries].reverse();
    fs.writeFileSync(
      file,
      `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${toCode(up)}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${toCode(down)}
  }
}
`,
    );
    console.log(`Wrote ${path.relative(process.cwd(), file)}`);
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
