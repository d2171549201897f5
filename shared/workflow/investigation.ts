/**
 * The lifecycle of a weirdness investigation, as data. The server validates transitions against
 * it and reports `can.transitions` from it; the client only shows what the server allows.
 */
import type { InvestigationStatus, Severity } from '../api/enums';
import type { InvestigationTransitionRequest } from '../api/investigations';

/** A transition target as the API names it: a status, or `reopened` for a closed investigation. */
export type InvestigationTransition = InvestigationStatus | 'reopened';

/**
 * Forward moves only. Closed investigations (resolved, dismissed) have none here: the way back is
 * the explicit reopen below, so that it is audited as a reopen and can mark sign-offs stale.
 */
export const INVESTIGATION_TRANSITIONS: Record<InvestigationStatus, readonly InvestigationStatus[]> = {
  reported: ['triaged', 'dismissed'],
  triaged: ['investigating', 'resolved', 'dismissed'],
  investigating: ['resolved', 'dismissed'],
  resolved: [],
  dismissed: [],
};

/** Closed statuses that may be reopened. */
export const REOPENABLE: readonly InvestigationStatus[] = ['resolved', 'dismissed'];

/** A reopened investigation starts over, so that it is triaged again with fresh eyes. */
export const REOPEN_TARGET: InvestigationStatus = 'reported';

/** Statuses that count as open for gate criteria and the oddity chart. */
export const OPEN_INVESTIGATION_STATUSES: readonly InvestigationStatus[] = ['reported', 'triaged', 'investigating'];

export function isOpenInvestigation(status: InvestigationStatus): boolean {
  return OPEN_INVESTIGATION_STATUSES.includes(status);
}

/** Every move allowed from `status`, including `reopened` for closed investigations. */
export function allowedTransitions(status: InvestigationStatus): InvestigationTransition[] {
  const moves: InvestigationTransition[] = [...INVESTIGATION_TRANSITIONS[status]];
  if (REOPENABLE.includes(status)) moves.push('reopened');
  return moves;
}

export function canTransition(from: InvestigationStatus, to: InvestigationTransition): boolean {
  return allowedTransitions(from).includes(to);
}

/** The status an allowed transition lands in (`reopened` lands in REOPEN_TARGET). */
export function transitionTarget(to: InvestigationTransition): InvestigationStatus {
  return to === 'reopened' ? REOPEN_TARGET : to;
}

/** Fields a transition must carry: a resolution explains itself, a dismissal gives its reason. */
export const TRANSITION_REQUIRED_FIELDS: Partial<
  Record<InvestigationTransition, readonly (keyof InvestigationTransitionRequest)[]>
> = {
  resolved: ['rootCause', 'resolution'],
  dismissed: ['reason'],
};

/** Required fields of a transition request that are absent or blank. */
export function missingTransitionFields(
  request: InvestigationTransitionRequest,
): (keyof InvestigationTransitionRequest)[] {
  const required = TRANSITION_REQUIRED_FIELDS[request.to] ?? [];
  return required.filter((field) => {
    const value = request[field];
    return typeof value !== 'string' || value.trim() === '';
  });
}

/** Default days to triage a reported investigation, by severity (an admin can tune them). */
export const TRIAGE_TARGET_DAYS: Record<Severity, number> = {
  critical: 1,
  high: 3,
  medium: 7,
  low: 14,
};

const DAY_MS = 24 * 60 * 60 * 1000;

/** When an investigation reported at `reportedAt` should have been triaged. */
export function triageDueAt(
  severity: Severity,
  reportedAt: Date,
  targets: Record<Severity, number> = TRIAGE_TARGET_DAYS,
): Date {
  return new Date(reportedAt.getTime() + targets[severity] * DAY_MS);
}

/** Past its triage target and still waiting in `reported`. */
export function isTriageOverdue(
  status: InvestigationStatus,
  severity: Severity,
  reportedAt: Date,
  now: Date,
  targets: Record<Severity, number> = TRIAGE_TARGET_DAYS,
): boolean {
  return status === 'reported' && now.getTime() > triageDueAt(severity, reportedAt, targets).getTime();
}
