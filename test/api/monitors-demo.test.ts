import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seedDemoData } from '../../server/demo/seed';
import { Caveat } from '../../server/modules/artifacts/caveat.entity';
import { DEMO_WAREHOUSE_FILE, seedDemoMonitors } from '../../server/modules/monitors/demo-monitors';
import { Monitor, MonitorObservation } from '../../server/modules/monitors/monitor.entity';
import { queueRun, runMonitor } from '../../server/modules/monitors/monitor-run.service';
import { MONITOR_USER_NAME } from '../../server/modules/monitors/monitor-user';
import { User } from '../../server/modules/users/user.entity';
import { Investigation } from '../../server/modules/weirdness/investigation.entity';
import { useTestApp } from '../setup/test-app';

const ctx = useTestApp();
const NOW = new Date('2026-11-24T12:00:00Z');

describe('the demo warehouse and its monitors', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cairn-demo-monitors-'));
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('generates the DuckDB file at first start; the billing monitor finds the duplicated events in its first run', async () => {
    ctx.setNow(NOW);
    expect(await seedDemoData(ctx.dataSource, NOW)).toBe(true);
    const toRun = await seedDemoMonitors(ctx.dataSource, dataDir, NOW);
    expect(fs.existsSync(path.join(dataDir, DEMO_WAREHOUSE_FILE))).toBe(true);
    expect(toRun).toHaveLength(1);
    // a second start does nothing again
    expect(await seedDemoMonitors(ctx.dataSource, dataDir, NOW)).toEqual([]);

    const billing = await ctx.dataSource.getRepository(Monitor).findOneByOrFail({ id: toRun[0] });
    const run = await ctx.dataSource.transaction((tx) => queueRun(tx, billing.id, 'schedule', NOW));
    const outcome = await runMonitor(ctx.deps, billing.id, run.id);
    expect(outcome.run).toMatchObject({ status: 'succeeded', enoughHistory: true });
    expect(outcome.run.anomalies).toBeGreaterThanOrEqual(1);
    const investigation = await ctx.dataSource.getRepository(Investigation).findOneByOrFail({ id: outcome.run.investigationId! });
    const reporter = await ctx.dataSource.getRepository(User).findOneByOrFail({ id: investigation.reporterId! });
    expect(reporter.name).toBe(MONITOR_USER_NAME);
    expect(investigation).toMatchObject({ status: 'reported', monitorId: billing.id });
    // the billing cycle on the 1st is the series' pattern, not an anomaly
    const firsts = await ctx.dataSource
      .getRepository(MonitorObservation)
      .createQueryBuilder('o')
      .where('o.run_id = :run AND extract(day FROM o.ts) = 1', { run: run.id })
      .getMany();
    expect(firsts.length).toBeGreaterThan(20);

    // retention: last Dec 25's dip is covered by the caveat's recurrence, counted as suppressed
    const retention = await ctx.dataSource.getRepository(Monitor).findOneByOrFail({ name: 'D7 retention, daily' });
    const [caveat] = await ctx.dataSource.getRepository(Caveat).find({ where: { artifactId: retention.artifactId }, order: { createdAt: 'DESC' } });
    expect(caveat.recurrence).toEqual({ kind: 'yearly', month: 12, day: 25 });
    const retentionRun = await ctx.dataSource.transaction((tx) => queueRun(tx, retention.id, 'manual', NOW));
    const retained = await runMonitor(ctx.deps, retention.id, retentionRun.id);
    expect(retained.run.status).toBe('succeeded');
    const christmas = await ctx.dataSource
      .getRepository(MonitorObservation)
      .createQueryBuilder('o')
      .where(`o.run_id = :run AND to_char(o.ts AT TIME ZONE 'UTC', 'MM-DD') = '12-25'`, { run: retentionRun.id })
      .orderBy('o.ts', 'DESC')
      .getMany();
    expect(christmas[0]).toMatchObject({ suppressed: true });
    expect(retained.run.suppressed).toBeGreaterThanOrEqual(1);
  });
});
