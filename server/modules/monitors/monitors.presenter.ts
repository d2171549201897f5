import type { MonitorRunView, MonitorView } from '../../../shared/api/monitors';
import type { DomainPermissions } from '../domains/domain-access';
import type { Monitor, MonitorRun } from './monitor.entity';

export function presentRun(run: MonitorRun): MonitorRunView {
  return {
    id: run.id,
    monitorId: run.monitorId,
    status: run.status,
    trigger: run.trigger,
    queuedAt: run.queuedAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    error: run.error,
    points: run.points,
    segments: run.segments,
    anomalies: run.anomalies,
    suppressed: run.suppressed,
    enoughHistory: run.enoughHistory,
    historyNote: run.historyNote,
    period: run.period,
    investigationId: run.investigationId,
  };
}

export interface MonitorExtras {
  sourceName: string;
  lastRun: MonitorRun | null;
  openInvestigationId: number | null;
}

/** `can`: leads of the artifact's domain (and admins) configure and run monitors. */
export function presentMonitor(monitor: Monitor, extras: MonitorExtras, permissions: DomainPermissions): MonitorView {
  return {
    id: monitor.id,
    artifactId: monitor.artifactId,
    sourceId: monitor.sourceId,
    sourceName: extras.sourceName,
    name: monitor.name,
    sql: monitor.sql,
    schedule: monitor.schedule,
    seasonality: monitor.seasonality,
    sensitivity: monitor.sensitivity,
    minChange: monitor.minChange,
    evaluateLast: monitor.evaluateLast,
    active: monitor.active,
    nextRunAt: monitor.nextRunAt?.toISOString() ?? null,
    lastRun: extras.lastRun ? presentRun(extras.lastRun) : null,
    openInvestigationId: extras.openInvestigationId,
    version: monitor.version,
    createdAt: monitor.createdAt.toISOString(),
    can: { edit: permissions.lead, run: permissions.lead },
  };
}
