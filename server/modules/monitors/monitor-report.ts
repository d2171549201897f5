import { In, type EntityManager } from 'typeorm';
import type { Severity } from '../../../shared/api/enums';
import { SEVERITIES } from '../../../shared/api/enums';
import { canReportInvestigation } from '../../../shared/workflow/definition';
import { OPEN_INVESTIGATION_STATUSES } from '../../../shared/workflow/investigation';
import type { Artifact } from '../artifacts/artifact.entity';
import { auditable, recordAudit } from '../audit/audit.service';
import { refreshConfidence } from '../confidence/confidence.service';
import { lockDomainById, touchDomain } from '../domains/domain-access';
import { recheckSignOffs } from '../gates/staleness';
import { notify } from '../inbox/notify';
import { addComment } from '../tickets/comments.service';
import { leadIdsOf, onSeriousInvestigation } from '../weirdness/at-risk';
import { Investigation } from '../weirdness/investigation.entity';
import { SERIOUS } from '../weirdness/investigations.service';
import type { Monitor, MonitorAnomaly } from './monitor.entity';
import { monitorActor } from './monitor-user';

const number = (value: number | null): string =>
  value === null ? '?' : Math.abs(value) >= 100 ? value.toFixed(0) : value.toPrecision(3).replace(/\.?0+$/, '');

const dayOf = (ts: Date): string => ts.toISOString().slice(0, 10);

/** "1,234 on 2026-12-02 (expected 800, band 700–900)" */
function describeAnomaly(anomaly: MonitorAnomaly): string {
  const segment = anomaly.segment ? ` [${anomaly.segment}]` : '';
  return (
    `${number(anomaly.value)} on ${dayOf(anomaly.ts)}${segment} ` +
    `(expected ${number(anomaly.expected)}, band ${number(anomaly.lower)}–${number(anomaly.upper)}; ${anomaly.severity})`
  );
}

/** The link to the metric's monitor chart, relative to the app. */
export function chartLink(artifactId: string, monitorId: string): string {
  return `/catalog/${artifactId}#monitor-${monitorId}`;
}

const worst = (anomalies: MonitorAnomaly[]): Severity =>
  anomalies.reduce<Severity>(
    (max, a) => (SEVERITIES.indexOf(a.severity) > SEVERITIES.indexOf(max) ? a.severity : max),
    'low',
  );

/**
 * New anomalies of a run become weirdness: a `reported` investigation of the metric by "Cairn
 * monitor", or, while one it opened is still open, occurrences of that one (a comment lists them).
 * Returns the investigation's id, or null when the domain is before hand-off (nobody may report
 * weirdness there yet; the anomalies stay recorded on the run).
 */
export async function reportAnomalies(
  tx: EntityManager,
  input: { monitor: Monitor; artifact: Artifact; anomalies: MonitorAnomaly[]; now: Date },
): Promise<number | null> {
  const { monitor, artifact, anomalies, now } = input;
  const actor = await monitorActor(tx);
  // the domain row first, as every other change of its investigations
  const domain = await lockDomainById(tx, artifact.domainId);
  const open = await tx.findOne(Investigation, {
    where: { monitorId: monitor.id, status: In([...OPEN_INVESTIGATION_STATUSES]) },
    order: { reportedAt: 'DESC' },
    lock: { mode: 'pessimistic_write' },
  });
  const link = chartLink(artifact.id, monitor.id);
  if (open) {
    await tx.update(
      'monitor_anomaly',
      { id: In(anomalies.map((a) => a.id)) },
      { investigationId: open.id },
    );
    await addComment(
      tx,
      actor,
      {
        subjectType: 'investigation',
        subjectId: String(open.id),
        domainId: domain.id,
        notifyAs: { entityId: String(open.id), label: `investigation #${open.id}` },
        body:
          `Monitor **${monitor.name}** saw ${anomalies.length === 1 ? 'another anomaly' : `${anomalies.length} more anomalies`}:\n\n` +
          anomalies.map((a) => `- ${describeAnomaly(a)}`).join('\n') +
          `\n\n[Chart](${link})`,
      },
      now,
    );
    await touchDomain(tx, domain.id, now);
    return open.id;
  }
  if (!canReportInvestigation(domain.stage)) return null;
  const first = anomalies[0];
  const severity = worst(anomalies);
  const investigation = await tx.save(
    tx.create(Investigation, {
      domainId: domain.id,
      title: `${artifact.name}: ${number(first.value)} on ${dayOf(first.ts)} is outside the expected band`.slice(0, 300),
      observed:
        `Monitor **${monitor.name}** found ${anomalies.length === 1 ? 'an anomaly' : `${anomalies.length} anomalies`} in ${artifact.name}:\n\n` +
        anomalies.map((a) => `- observed ${describeAnomaly(a)}`).join('\n') +
        `\n\n[Chart of the observations and the expected band](${link})`,
      expected:
        `Between ${number(first.lower)} and ${number(first.upper)} (expected ${number(first.expected)}), ` +
        `from the series' own history (seasonality: ${monitor.seasonality}, sensitivity ${monitor.sensitivity}).`,
      artifactId: artifact.id,
      severity,
      status: 'reported',
      reporterId: actor.user.id,
      monitorId: monitor.id,
      reportedAt: now,
    }),
  );
  await tx.update('monitor_anomaly', { id: In(anomalies.map((a) => a.id)) }, { investigationId: investigation.id });
  await recordAudit(tx, actor, {
    action: 'investigation.create',
    entityType: 'investigation',
    entityId: String(investigation.id),
    domainId: domain.id,
    after: auditable(investigation),
  });
  await notify(
    tx,
    await leadIdsOf(tx, domain.id),
    {
      kind: 'investigation_reported',
      domainId: domain.id,
      entityType: 'investigation',
      entityId: String(investigation.id),
      at: now,
      message: `${actor.user.name} reported ${severity} weirdness on ${domain.key}: ${investigation.title}`,
    },
    actor.user.id,
  );
  if (SERIOUS.includes(severity)) await onSeriousInvestigation(tx, actor, domain, investigation, now);
  await refreshConfidence(tx, actor, domain, now);
  await recheckSignOffs(tx, actor, domain, now);
  await touchDomain(tx, domain.id, now);
  return investigation.id;
}
