import { In, type EntityManager } from 'typeorm';
import type { MonitorObservationsView, MonitorRunView, MonitorView } from '../../../shared/api/monitors';
import { OPEN_INVESTIGATION_STATUSES } from '../../../shared/workflow/investigation';
import { badRequest, monitorBusy, notFound } from '../../http/app-error';
import type { Actor } from '../../http/context';
import type { AppDeps } from '../../http/deps';
import { assertVersion, type ExpectedVersion } from '../../http/preconditions';
import { Artifact } from '../artifacts/artifact.entity';
import { auditable, recordAudit } from '../audit/audit.service';
import { assertLead, lockDomainById, type DomainPermissions } from '../domains/domain-access';
import { DataSourceRecord } from '../sources/data-source.entity';
import { checkReadOnlySql, SqlRefusal } from '../sources/sql-guard';
import { permissionsIn } from '../tickets/tickets.service';
import { Investigation } from '../weirdness/investigation.entity';
import { Monitor, MonitorAnomaly, MonitorObservation, MonitorRun } from './monitor.entity';
import { nextCronTime, scheduleProblem } from './monitor-schedule';
import type { CreateMonitorDto, UpdateMonitorDto } from './monitors.dto';
import { presentMonitor, presentRun } from './monitors.presenter';
import { enqueueRun, monitorQueueRunning } from './monitor.job';
import { queueRun, runMonitor } from './monitor-run.service';

/** 400 on `sql` unless it is one read-only statement. */
function assertSql(sql: string): void {
  try {
    checkReadOnlySql(sql);
  } catch (error) {
    if (error instanceof SqlRefusal) throw badRequest('sql', error.message);
    throw error;
  }
}

function assertSchedule(schedule: string): void {
  const problem = scheduleProblem(schedule);
  if (problem) throw badRequest('schedule', problem);
}

async function assertSource(em: EntityManager, sourceId: string): Promise<void> {
  if (!(await em.existsBy(DataSourceRecord, { id: sourceId.toLowerCase() })))
    throw badRequest('sourceId', 'is not a data source (an admin adds them under Admin → Data sources)');
}

async function metricArtifact(em: EntityManager, artifactId: string): Promise<Artifact> {
  const artifact = await em.findOneBy(Artifact, { id: artifactId });
  if (!artifact) throw notFound('Artifact');
  return artifact;
}

/** The views of monitors with their source names, last runs and open investigations: four queries. */
async function viewsOf(em: EntityManager, monitors: Monitor[], permissions: DomainPermissions): Promise<MonitorView[]> {
  if (!monitors.length) return [];
  const ids = monitors.map((m) => m.id);
  const sources = await em.find(DataSourceRecord, { where: { id: In([...new Set(monitors.map((m) => m.sourceId))]) } });
  const lastRuns = await em
    .createQueryBuilder(MonitorRun, 'r')
    .distinctOn(['r.monitor_id'])
    .where('r.monitor_id IN (:...ids)', { ids })
    .orderBy('r.monitor_id')
    .addOrderBy('r.queued_at', 'DESC')
    .getMany();
  const open = await em.find(Investigation, {
    select: { id: true, monitorId: true },
    where: { monitorId: In(ids), status: In([...OPEN_INVESTIGATION_STATUSES]) },
  });
  return monitors.map((monitor) =>
    presentMonitor(
      monitor,
      {
        sourceName: sources.find((s) => s.id === monitor.sourceId)?.name ?? '',
        lastRun: lastRuns.find((r) => r.monitorId === monitor.id) ?? null,
        openInvestigationId: open.find((i) => i.monitorId === monitor.id)?.id ?? null,
      },
      permissions,
    ),
  );
}

export async function monitorView(em: EntityManager, actor: Actor, monitor: Monitor): Promise<MonitorView> {
  const artifact = await metricArtifact(em, monitor.artifactId);
  return (await viewsOf(em, [monitor], await permissionsIn(em, actor, artifact.domainId)))[0];
}

export async function listMonitors(deps: AppDeps, actor: Actor, artifactId: string): Promise<MonitorView[]> {
  const em = deps.dataSource.manager;
  const artifact = await metricArtifact(em, artifactId);
  const monitors = await em.find(Monitor, { where: { artifactId }, order: { createdAt: 'ASC' } });
  return viewsOf(em, monitors, await permissionsIn(em, actor, artifact.domainId));
}

export async function getMonitor(deps: AppDeps, actor: Actor, id: string): Promise<MonitorView> {
  const monitor = await deps.dataSource.manager.findOneBy(Monitor, { id });
  if (!monitor) throw notFound('Monitor');
  return monitorView(deps.dataSource.manager, actor, monitor);
}

/** A monitor on a metric: leads of its domain or admins. The schedule's first run is computed now. */
export async function createMonitor(
  deps: AppDeps,
  actor: Actor,
  artifactId: string,
  input: CreateMonitorDto,
): Promise<MonitorView> {
  const now = deps.now();
  return deps.dataSource.transaction(async (tx) => {
    const found = await metricArtifact(tx, artifactId);
    await lockDomainById(tx, found.domainId);
    assertLead(await permissionsIn(tx, actor, found.domainId));
    if (found.type !== 'metric') throw badRequest('artifactId', 'monitors watch metrics; this artifact is a ' + found.type);
    await assertSource(tx, input.sourceId);
    assertSql(input.sql);
    assertSchedule(input.schedule);
    const monitor = await tx.save(
      tx.create(Monitor, {
        artifactId,
        sourceId: input.sourceId.toLowerCase(),
        name: input.name.trim(),
        sql: input.sql,
        schedule: input.schedule.trim(),
        seasonality: input.seasonality ?? 'auto',
        sensitivity: input.sensitivity ?? 0.5,
        minChange: input.minChange ?? null,
        evaluateLast: input.evaluateLast ?? 7,
        active: input.active ?? true,
        nextRunAt: nextCronTime(input.schedule, now),
        createdBy: actor.user.id,
        createdAt: now,
      }),
    );
    await recordAudit(tx, actor, {
      action: 'monitor.create',
      entityType: 'monitor',
      entityId: monitor.id,
      domainId: found.domainId,
      after: auditable(monitor),
    });
    return monitorView(tx, actor, monitor);
  });
}

export async function updateMonitor(
  deps: AppDeps,
  actor: Actor,
  id: string,
  input: UpdateMonitorDto,
  expected: ExpectedVersion | undefined,
): Promise<MonitorView> {
  const now = deps.now();
  return deps.dataSource.transaction(async (tx) => {
    const found = await tx.findOneBy(Monitor, { id });
    if (!found) throw notFound('Monitor');
    const artifact = await metricArtifact(tx, found.artifactId);
    await lockDomainById(tx, artifact.domainId);
    const monitor = await tx.findOne(Monitor, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!monitor) throw notFound('Monitor');
    assertLead(await permissionsIn(tx, actor, artifact.domainId));
    assertVersion(`Monitor ${monitor.name}`, monitor.version, expected);
    const before = auditable(monitor);
    if (input.sourceId !== undefined) {
      await assertSource(tx, input.sourceId);
      monitor.sourceId = input.sourceId.toLowerCase();
    }
    if (input.sql !== undefined) {
      assertSql(input.sql);
      monitor.sql = input.sql;
    }
    if (input.schedule !== undefined) {
      assertSchedule(input.schedule);
      monitor.schedule = input.schedule.trim();
      monitor.nextRunAt = nextCronTime(monitor.schedule, now);
    }
    if (input.name !== undefined) monitor.name = input.name.trim();
    if (input.seasonality !== undefined) monitor.seasonality = input.seasonality;
    if (input.sensitivity !== undefined) monitor.sensitivity = input.sensitivity;
    if (input.minChange !== undefined) monitor.minChange = input.minChange;
    if (input.evaluateLast !== undefined) monitor.evaluateLast = input.evaluateLast;
    if (input.active !== undefined) monitor.active = input.active;
    await tx.save(monitor);
    await recordAudit(tx, actor, {
      action: 'monitor.update',
      entityType: 'monitor',
      entityId: monitor.id,
      domainId: artifact.domainId,
      before,
      after: auditable(monitor),
    });
    return monitorView(tx, actor, monitor);
  });
}

/** Deletes the monitor with its runs and observations; investigations it opened stay. */
export async function deleteMonitor(deps: AppDeps, actor: Actor, id: string): Promise<void> {
  await deps.dataSource.transaction(async (tx) => {
    const found = await tx.findOneBy(Monitor, { id });
    if (!found) throw notFound('Monitor');
    const artifact = await metricArtifact(tx, found.artifactId);
    await lockDomainById(tx, artifact.domainId);
    assertLead(await permissionsIn(tx, actor, artifact.domainId));
    await tx.delete(MonitorObservation, { monitorId: id });
    await tx.delete(MonitorAnomaly, { monitorId: id });
    await tx.delete(MonitorRun, { monitorId: id });
    await tx.delete(Monitor, { id });
    await recordAudit(tx, actor, {
      action: 'monitor.delete',
      entityType: 'monitor',
      entityId: id,
      domainId: artifact.domainId,
      before: auditable(found),
    });
  });
}

export async function listRuns(deps: AppDeps, id: string, limit = 20) {
  const em = deps.dataSource.manager;
  if (!(await em.existsBy(Monitor, { id }))) throw notFound('Monitor');
  const runs = await em.find(MonitorRun, { where: { monitorId: id }, order: { queuedAt: 'DESC' }, take: limit });
  return runs.map(presentRun);
}

/** The points of the newest run that finished, with the expected band; suppressed ones marked. */
export async function latestObservations(deps: AppDeps, id: string): Promise<MonitorObservationsView> {
  const em = deps.dataSource.manager;
  if (!(await em.existsBy(Monitor, { id }))) throw notFound('Monitor');
  const run = await em.findOne(MonitorRun, {
    where: { monitorId: id, status: 'succeeded' },
    order: { finishedAt: 'DESC' },
  });
  if (!run) return { monitorId: id, runId: null, segments: [], observations: [], suppressed: 0 };
  const rows = await em.find(MonitorObservation, { where: { runId: run.id }, order: { segment: 'ASC', ts: 'ASC' } });
  return {
    monitorId: id,
    runId: run.id,
    segments: [...new Set(rows.map((row) => row.segment))],
    observations: rows.map((row) => ({
      ts: row.ts.toISOString(),
      segment: row.segment,
      value: row.value,
      expected: row.expected,
      lower: row.lower,
      upper: row.upper,
      anomaly: row.anomaly,
      suppressed: row.suppressed,
      severity: row.severity,
    })),
    suppressed: run.suppressed,
  };
}

export interface RunRequestResult {
  /** true: queued as a job (202); false: run in this request (200) */
  queued: boolean;
  run: MonitorRunView;
}

/**
 * "Run now": with a worker in this process the run is a pg-boss job like a scheduled one (any
 * process may take it); without one (tests, scripts) it runs within the request. 409 while a run
 * of the monitor is already queued or in progress.
 */
export async function requestRun(deps: AppDeps, actor: Actor, id: string): Promise<RunRequestResult> {
  const now = deps.now();
  const { run, queued } = await deps.dataSource.transaction(async (tx) => {
    const found = await tx.findOneBy(Monitor, { id });
    if (!found) throw notFound('Monitor');
    const artifact = await metricArtifact(tx, found.artifactId);
    assertLead(await permissionsIn(tx, actor, artifact.domainId));
    const monitor = await tx.findOne(Monitor, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!monitor) throw notFound('Monitor');
    let run = await enqueueRun(tx, id, 'manual', now);
    const isJob = run !== null;
    if (!run) {
      if (monitorQueueRunning()) throw monitorBusy(`A run of ${monitor.name} is already queued.`);
      run = await queueRun(tx, id, 'manual', now);
    }
    await recordAudit(tx, actor, {
      action: 'monitor.run',
      entityType: 'monitor',
      entityId: id,
      domainId: artifact.domainId,
      after: { runId: run.id, trigger: 'manual', queued: isJob },
    });
    return { run, queued: isJob };
  });
  if (queued) return { queued, run: presentRun(run) };
  const outcome = await runMonitor(deps, id, run.id);
  if (!outcome.ran) throw monitorBusy('Another run of this monitor is in progress.');
  return { queued, run: presentRun(outcome.run) };
}
