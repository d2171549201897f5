import os from 'node:os';
import { IsNull, Not, type EntityManager } from 'typeorm';
import type { Severity } from '../../../shared/api/enums';
import { detect, severityOf, type DetectedPoint, type Seasonality, type SeriesPoint } from './detector';
import { matchesRecurrence } from '../../../shared/monitors/recurrence';
import { notFound } from '../../http/app-error';
import type { AppDeps } from '../../http/deps';
import { Artifact } from '../artifacts/artifact.entity';
import { Caveat } from '../artifacts/caveat.entity';
import { connectionOf } from '../sources/sources.service';
import { querySource, SourceError, type Cell } from '../sources/source-client';
import { SqlRefusal } from '../sources/sql-guard';
import { Monitor, MonitorAnomaly, MonitorObservation, MonitorRun } from './monitor.entity';
import { reportAnomalies } from './monitor-report';

/** A run that has not finished within this is taken to have died with its process. */
const LEASE_MS = 10 * 60_000;
/** Observations are written in chunks of this many rows. */
const INSERT_CHUNK = 1000;

const RAN_BY = `${os.hostname()}:${process.pid}`;

/** The seasonality option of the detector for a monitor's setting. */
export function seasonalityOf(kind: Monitor['seasonality']): Seasonality {
  return { kind } as Seasonality;
}

/** A row's `ts` as an ISO date-time (UTC), or null when it is not a time. */
function tsOf(value: Cell): string | null {
  if (value === null || typeof value === 'boolean') return null;
  const date = typeof value === 'number' ? new Date(value) : new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** The rows as series, by segment ('' without one), oldest first; a row without a time or a number is an error. */
export function seriesOf(columns: string[], rows: Record<string, Cell>[]): Map<string, SeriesPoint[]> {
  const lower = new Map(columns.map((name) => [name.toLowerCase(), name]));
  const tsColumn = lower.get('ts');
  const valueColumn = lower.get('value');
  const segmentColumn = lower.get('segment');
  if (!tsColumn || !valueColumn)
    throw new SourceError('query', `the query must return the columns ts and value (it returned ${columns.join(', ') || 'none'})`);
  const series = new Map<string, SeriesPoint[]>();
  for (const [i, row] of rows.entries()) {
    const ts = tsOf(row[tsColumn]);
    const raw = row[valueColumn];
    const value = typeof raw === 'string' ? Number(raw) : raw;
    if (!ts) throw new SourceError('query', `row ${i + 1}: ts is not a date or time`);
    if (value === null) continue;
    if (typeof value !== 'number' || !Number.isFinite(value))
      throw new SourceError('query', `row ${i + 1}: value is not a number`);
    const segment = segmentColumn ? String(row[segmentColumn] ?? '') : '';
    const list = series.get(segment) ?? [];
    list.push({ ts, value });
    series.set(segment, list);
  }
  for (const list of series.values()) list.sort((a, b) => a.ts.localeCompare(b.ts));
  return series;
}

/** Creates a queued run (the job carries its id). */
export async function queueRun(tx: EntityManager, monitorId: string, trigger: MonitorRun['trigger'], now: Date): Promise<MonitorRun> {
  return tx.save(tx.create(MonitorRun, { monitorId, trigger, status: 'queued', queuedAt: now }));
}

/**
 * Claims the monitor for one run: one conditional UPDATE, so whichever process (or request)
 * comes first runs it and every other gets false until the lease is released or expires.
 */
async function claim(deps: AppDeps, monitorId: string, runId: string): Promise<boolean> {
  const result: [unknown[], number] = await deps.dataSource.query(
    `UPDATE monitor SET lease_until = $3, lease_run_id = $2
      WHERE id = $1 AND (lease_until IS NULL OR lease_until < $4)
      RETURNING id`,
    [monitorId, runId, new Date(deps.now().getTime() + LEASE_MS), deps.now()],
  );
  return result[1] === 1;
}

async function release(em: EntityManager, monitorId: string, runId: string): Promise<void> {
  await em.query(`UPDATE monitor SET lease_until = NULL, lease_run_id = NULL WHERE id = $1 AND lease_run_id = $2`, [
    monitorId,
    runId,
  ]);
}

export interface RunOutcome {
  run: MonitorRun;
  /** false: another run held the monitor; this one was not run */
  ran: boolean;
}

/**
 * Runs a monitor once: claim it, query its source (read-only, outside any transaction of ours),
 * detect per segment, then in one transaction store the observations, record the anomalies
 * (each point once) and report the new ones as an investigation of the metric.
 */
export async function runMonitor(deps: AppDeps, monitorId: string, runId: string): Promise<RunOutcome> {
  const runs = deps.dataSource.getRepository(MonitorRun);
  const run = await runs.findOneBy({ id: runId });
  if (!run) throw notFound('Monitor run');
  if (!(await claim(deps, monitorId, runId))) {
    // Someone else is running it: this queued run is dropped, not left pending.
    await runs.update({ id: runId, status: 'queued' }, { status: 'failed', error: 'another run of this monitor was in progress', finishedAt: deps.now() });
    return { run: (await runs.findOneByOrFail({ id: runId })), ran: false };
  }
  try {
    run.status = 'running';
    run.startedAt = deps.now();
    run.ranBy = RAN_BY;
    await runs.save(run);
    const monitor = await deps.dataSource.manager.findOneByOrFail(Monitor, { id: monitorId });
    const artifact = await deps.dataSource.manager.findOneByOrFail(Artifact, { id: monitor.artifactId });
    const connection = await connectionOf(deps, deps.dataSource.manager, monitor.sourceId);
    const answer = await querySource(connection, monitor.sql);
    const series = seriesOf(answer.columns, answer.rows);
    const caveats = await deps.dataSource.manager.find(Caveat, {
      where: { artifactId: artifact.id, recurrence: Not(IsNull()) },
    });
    const isSuppressed = (ts: string) =>
      caveats.some((caveat) => caveat.recurrence !== null && matchesRecurrence(caveat.recurrence, ts.slice(0, 10)));

    const observations: Partial<MonitorObservation>[] = [];
    const anomalies: { segment: string; point: DetectedPoint; severity: Severity }[] = [];
    let enoughHistory = series.size > 0;
    let historyNote: string | null = series.size ? null : 'the query returned no rows';
    let period: number | null = null;
    for (const [segment, points] of series) {
      const detection = detect(points, {
        seasonality: seasonalityOf(monitor.seasonality),
        sensitivity: monitor.sensitivity,
        minChange: monitor.minChange ?? undefined,
        evaluateLast: monitor.evaluateLast,
        isSuppressed,
      });
      if (!detection.enoughHistory) {
        enoughHistory = false;
        historyNote = `${segment ? `${segment}: ` : ''}${detection.reason ?? 'not enough history yet'}`;
      }
      period ??= detection.period;
      // a suppressed anomaly (a caveat covers its date) is not flagged by the detector, only listed
      const suppressedAnomalies = new Set(detection.suppressedAnomalies);
      for (const point of detection.points) {
        const isAnomaly = point.anomaly || suppressedAnomalies.has(point);
        const severity = isAnomaly ? severityOf(point) : null;
        observations.push({
          runId,
          monitorId,
          segment,
          ts: new Date(point.ts),
          value: point.value,
          expected: point.expected,
          lower: point.lower,
          upper: point.upper,
          anomaly: isAnomaly,
          suppressed: point.suppressed,
          severity,
        });
        if (isAnomaly && severity) anomalies.push({ segment, point, severity });
      }
    }

    return await deps.dataSource.transaction(async (tx) => {
      for (let i = 0; i < observations.length; i += INSERT_CHUNK)
        await tx.insert(MonitorObservation, observations.slice(i, i + INSERT_CHUNK));
      // Each anomalous point once: a point seen again by a later run is no new occurrence.
      const fresh: MonitorAnomaly[] = [];
      for (const { segment, point, severity } of anomalies) {
        const inserted = await tx
          .createQueryBuilder()
          .insert()
          .into(MonitorAnomaly)
          .values({
            monitorId,
            runId,
            segment,
            ts: new Date(point.ts),
            value: point.value,
            expected: point.expected,
            lower: point.lower,
            upper: point.upper,
            severity,
            suppressed: point.suppressed,
          })
          .orIgnore()
          .returning('*')
          .execute();
        const row = (inserted.raw as { id: string }[])[0];
        if (row) fresh.push(await tx.findOneByOrFail(MonitorAnomaly, { id: row.id }));
      }
      const alarming = fresh.filter((anomaly) => !anomaly.suppressed);
      const investigationId = alarming.length
        ? await reportAnomalies(tx, { monitor, artifact, anomalies: alarming, now: deps.now() })
        : null;
      run.status = 'succeeded';
      run.finishedAt = deps.now();
      run.points = observations.length;
      run.segments = series.size;
      run.anomalies = anomalies.filter((a) => !a.point.suppressed).length;
      run.suppressed = anomalies.filter((a) => a.point.suppressed).length;
      run.enoughHistory = enoughHistory;
      run.historyNote = historyNote;
      run.period = period;
      run.investigationId = investigationId;
      await tx.save(run);
      await release(tx, monitorId, runId);
      return { run, ran: true };
    });
  } catch (error) {
    const message =
      error instanceof SourceError || error instanceof SqlRefusal ? error.message : `internal error: ${(error as Error).message}`;
    await runs.update({ id: runId }, { status: 'failed', error: message.slice(0, 2000), finishedAt: deps.now() });
    await release(deps.dataSource.manager, monitorId, runId);
    if (!(error instanceof SourceError || error instanceof SqlRefusal)) throw error;
    return { run: await runs.findOneByOrFail({ id: runId }), ran: true };
  }
}
