import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { DataSource } from 'typeorm';
import { Artifact } from '../artifacts/artifact.entity';
import { Caveat } from '../artifacts/caveat.entity';
import { Domain } from '../domains/domain.entity';
import { DataSourceRecord } from '../sources/data-source.entity';
import { User } from '../users/user.entity';
import { Monitor } from './monitor.entity';
import { nextCronTime } from './monitor-schedule';

/** The demo's warehouse: generated at first start into the data folder, never committed. */
export const DEMO_WAREHOUSE_FILE = 'demo-warehouse.duckdb';
const DAYS = 800;
/** the duplicated-events bug: invoice events counted twice on the newest days */
const DUPLICATED_DAYS = 2;

const DAY_MS = 86_400_000;

/** A stable pseudo-random number in [0, 1) for day n and a stream, so the demo is the same every time. */
function noise(n: number, stream: number): number {
  const x = Math.sin(n * 12.9898 + stream * 78.233) * 43758.5453;
  return x - Math.floor(x);
}

interface DemoDay {
  day: string;
  cohort: number;
  retained: number;
  invoices: number;
  amount: number;
}

/**
 * Retention and billing, day by day up to yesterday, with weirdness planted in them:
 * D7 retention dips every Dec 25 (real: the holiday; a caveat says so), weekends are lower; invoices
 * follow the billing cycle (most on the 1st of the month); on the newest days every invoice event
 * was ingested twice (a duplicated-events bug a monitor catches).
 */
export function demoDays(now: Date): DemoDay[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const days: DemoDay[] = [];
  for (let i = DAYS; i >= 1; i--) {
    const date = new Date(today - i * DAY_MS);
    const n = Math.floor(date.getTime() / DAY_MS);
    const weekday = date.getUTCDay();
    const christmas = date.getUTCMonth() === 11 && date.getUTCDate() === 25;
    const cohort = Math.round(4000 + 600 * noise(n, 1) + (weekday === 1 ? 500 : 0));
    let rate = 0.38 + (weekday === 0 || weekday === 6 ? -0.025 : 0) + (noise(n, 2) - 0.5) * 0.012;
    if (christmas) rate -= 0.11;
    const dom = date.getUTCDate();
    const cycle = dom === 1 ? 9 : dom === 15 ? 2.5 : 1;
    let invoices = Math.round((300 + 40 * noise(n, 3)) * cycle);
    if (i <= DUPLICATED_DAYS) invoices *= 2;
    days.push({
      day: date.toISOString().slice(0, 10),
      cohort,
      retained: Math.round(cohort * rate),
      invoices,
      amount: Math.round(invoices * (49 + 8 * noise(n, 4)) * 100) / 100,
    });
  }
  return days;
}

/** Writes the warehouse file (replacing a partial one); returns its path. */
export async function generateDemoWarehouse(dataDir: string, now: Date): Promise<string> {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, DEMO_WAREHOUSE_FILE);
  const partial = `${file}.partial`;
  fs.rmSync(partial, { force: true });
  fs.rmSync(`${partial}.wal`, { force: true });
  const instance = await DuckDBInstance.create(partial);
  const db = await instance.connect();
  try {
    await db.run('CREATE TABLE retention_daily (day DATE, cohort_size INTEGER, retained_d7 INTEGER)');
    await db.run('CREATE TABLE invoices_daily (day DATE, invoices INTEGER, amount_usd DOUBLE)');
    const days = demoDays(now);
    for (let i = 0; i < days.length; i += 200) {
      const chunk = days.slice(i, i + 200);
      await db.run(
        `INSERT INTO retention_daily VALUES ${chunk.map((d) => `(DATE '${d.day}', ${d.cohort}, ${d.retained})`).join(', ')}`,
      );
      await db.run(
        `INSERT INTO invoices_daily VALUES ${chunk.map((d) => `(DATE '${d.day}', ${d.invoices}, ${d.amount})`).join(', ')}`,
      );
    }
    await db.run('CHECKPOINT');
  } finally {
    db.closeSync();
    instance.closeSync();
  }
  fs.renameSync(partial, file);
  return file;
}

/** Monitors the demo sets up: on RET's D7 retention and BILL's MRR. */
const DEMO_MONITORS = [
  {
    domainKey: 'RET',
    artifactName: 'D7 retention',
    name: 'D7 retention, daily',
    sql: 'SELECT day AS ts, retained_d7::DOUBLE / cohort_size AS value FROM retention_daily ORDER BY day',
    schedule: '0 6 * * *',
    seasonality: 'weekly' as const,
    // the whole last year is judged, so last Dec 25 shows as a suppressed anomaly
    evaluateLast: 370,
    minChange: 0.05,
    runAtStart: false,
  },
  {
    domainKey: 'BILL',
    artifactName: 'MRR',
    name: 'Invoices per day',
    sql: 'SELECT day AS ts, invoices AS value FROM invoices_daily ORDER BY day',
    schedule: '30 6 * * *',
    seasonality: 'dayOfMonth' as const,
    evaluateLast: 7,
    minChange: 0.2,
    runAtStart: true,
  },
];

/**
 * The demo's data source, caveat and monitors, once, into a freshly seeded demo database.
 * Returns the ids of the monitors to run at start (the billing one finds the duplicated events).
 */
export async function seedDemoMonitors(dataSource: DataSource, dataDir: string, now: Date): Promise<string[]> {
  if (await dataSource.getRepository(DataSourceRecord).existsBy({ name: 'Demo warehouse' })) return [];
  const file = await generateDemoWarehouse(dataDir, now);
  const source = await dataSource
    .getRepository(DataSourceRecord)
    .save({ name: 'Demo warehouse', kind: 'duckdb', path: file, statementTimeoutMs: 30_000, rowLimit: 50_000 } as Partial<DataSourceRecord>);
  const dana = await dataSource.getRepository(User).findOneBy({ email: 'dana@cairn.test' });
  const toRun: string[] = [];
  for (const spec of DEMO_MONITORS) {
    const domain = await dataSource.getRepository(Domain).findOneBy({ key: spec.domainKey });
    if (!domain) continue;
    const artifact = await dataSource.getRepository(Artifact).findOneBy({ domainId: domain.id, name: spec.artifactName });
    if (!artifact) continue;
    if (spec.domainKey === 'RET') {
      await dataSource.getRepository(Caveat).save({
        artifactId: artifact.id,
        text: 'D7 retention dips every Dec 25: fewer people open the app on the holiday. Real behaviour, not a data bug.',
        recurrence: { kind: 'yearly', month: 12, day: 25 },
        authorId: dana?.id ?? null,
        createdAt: now,
      } as Partial<Caveat>);
    }
    const monitor = await dataSource.getRepository(Monitor).save({
      artifactId: artifact.id,
      sourceId: source.id,
      name: spec.name,
      sql: spec.sql,
      schedule: spec.schedule,
      seasonality: spec.seasonality,
      sensitivity: 0.5,
      minChange: spec.minChange,
      evaluateLast: spec.evaluateLast,
      active: true,
      nextRunAt: nextCronTime(spec.schedule, now),
      createdBy: dana?.id ?? null,
      createdAt: now,
    } as Partial<Monitor>);
    if (spec.runAtStart) toRun.push(monitor.id);
  }
  return toRun;
}
