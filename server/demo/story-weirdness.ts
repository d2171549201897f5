import type { InvestigationStatus, Severity } from '../../shared/api/enums';
import type { User } from '../modules/users/user.entity';
import type { StoryDomain } from './story-builder';
import { lateText } from './story-types';
import type { InvestigationInput, LateText, StoryInvestigation } from './story-types';
import { markSignOffsStale } from './story-gates';

/*
 * The weirdness log of a story domain: the same rows, audit events and inbox entries the
 * weirdness module writes (investigation.create, investigation.<status>, domain.at_risk).
 */

/** What the audit log keeps of an investigation at this moment (its id is known only once inserted). */
function investigationAudit(investigation: StoryInvestigation): () => Record<string, unknown> {
  const { domainKey: _key, ...copy } = investigation;
  return () => ({ ...copy, id: investigation.id });
}

/** Reports an oddity; a high or critical one makes the current round's sign-offs stale. */
export function reportInvestigation(d: StoryDomain, at: Date, by: User, input: InvestigationInput): StoryInvestigation {
  const investigation: StoryInvestigation = {
    id: null,
    domainId: d.id,
    domainKey: d.key,
    title: input.title,
    observed: input.observed,
    expected: input.expected ?? '',
    artifactId: input.artifact?.id ?? null,
    severity: input.severity ?? 'medium',
    status: 'reported',
    reporterId: by.id,
    investigatorId: null,
    rootCause: null,
    resolution: null,
    dismissReason: null,
    reportedAt: at,
    triagedAt: null,
    closedAt: null,
    updatedAt: at,
  };
  d.investigations.push(investigation);
  d.record(at, by, 'investigation.create', 'investigation', investigation, null, investigationAudit(investigation));
  if (investigation.severity === 'high' || investigation.severity === 'critical') {
    onSeriousInvestigation(d, at, by, investigation);
  }
  if (d.book.isRecent(at)) {
    d.notify(
      d.leadIds(),
      at,
      {
        kind: 'investigation_reported',
        entityType: 'investigation',
        entity: investigation,
        message: `${by.name} reported ${investigation.severity} weirdness on ${d.key}: ${investigation.title}`,
      },
      by,
    );
  }
  return investigation;
}

function transition(
  d: StoryDomain,
  investigation: StoryInvestigation,
  at: Date,
  by: User,
  status: InvestigationStatus,
  changes: Partial<StoryInvestigation>,
): void {
  const before = { status: investigation.status, severity: investigation.severity };
  Object.assign(investigation, changes, { status, updatedAt: at });
  d.record(
    at,
    by,
    `investigation.${status}`,
    'investigation',
    investigation,
    before,
    investigationAudit(investigation),
  );
}

export function triageInvestigation(
  d: StoryDomain,
  investigation: StoryInvestigation,
  at: Date,
  by: User,
  severity: Severity,
  investigator: User,
): void {
  transition(d, investigation, at, by, 'triaged', { severity, investigatorId: investigator.id, triagedAt: at });
  if (d.book.isRecent(at)) {
    d.notify(
      [investigator.id],
      at,
      {
        kind: 'assigned',
        entityType: 'investigation',
        entity: investigation,
        message: () => `You are investigating #${investigation.id} on ${d.key}: ${investigation.title}`,
      },
      by,
    );
  }
}

export function startInvestigating(d: StoryDomain, investigation: StoryInvestigation, at: Date, by: User): void {
  transition(d, investigation, at, by, 'investigating', {});
}

export function resolveInvestigation(
  d: StoryDomain,
  investigation: StoryInvestigation,
  at: Date,
  by: User,
  rootCause: string,
  resolution: string,
): void {
  transition(d, investigation, at, by, 'resolved', { rootCause, resolution, closedAt: at });
}

export function dismissInvestigation(
  d: StoryDomain,
  investigation: StoryInvestigation,
  at: Date,
  by: User,
  reason: string,
): void {
  transition(d, investigation, at, by, 'dismissed', { dismissReason: reason, closedAt: at });
}

/**
 * A new high or critical investigation: the evidence signers saw has changed (their sign-offs go
 * stale and they are asked again), and a certified domain is at risk.
 */
function onSeriousInvestigation(d: StoryDomain, at: Date, by: User, investigation: StoryInvestigation): void {
  const reason = () => `New ${investigation.severity} investigation #${investigation.id} "${investigation.title}"`;
  const signers = markSignOffsStale(d, at, reason);
  d.notify(
    signers,
    at,
    {
      kind: 'signoff_requested',
      entityType: 'domain',
      entity: d.key,
      message: () => `Your sign-off on ${d.key} went stale (${reason()}); please review again.`,
    },
    by,
  );
  if (d.stage === 'certified') markAtRisk(d, at, by, reason);
}

/** What the weirdness module does when a certified domain gets serious new weirdness. */
function markAtRisk(d: StoryDomain, at: Date, by: User, reason: LateText): void {
  if (d.atRisk) return;
  d.atRisk = true;
  d.atRiskReason = reason;
  d.record(at, by, 'domain.at_risk', 'domain', d.id, { atRisk: false, atRiskReason: null }, () => ({
    atRisk: true,
    atRiskReason: lateText(reason),
  }));
  const message = () => `${d.key} is at risk: ${lateText(reason)}`;
  d.notify(d.memberIds(), at, { kind: 'domain_at_risk', entityType: 'domain', entity: d.key, message });
}
