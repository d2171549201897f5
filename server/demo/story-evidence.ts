import { OPEN_TICKET_STATUSES } from '../../shared/api/enums';
import type { Phase } from '../../shared/api/enums';
import type { EvidenceSnapshot } from '../../shared/api/domains';
import type { ConfidenceSummary } from '../../shared/api/confidence';
import { assessConfidence } from '../../shared/confidence';
import { canReportInvestigation, DEFAULT_THRESHOLDS } from '../../shared/workflow/definition';
import { observedUntil, summarize } from '../modules/confidence/confidence.service';
import { evaluateCriteria } from '../../shared/workflow/evaluate';
import { isOpenInvestigation } from '../../shared/workflow/investigation';
import type { GateFacts } from '../../shared/workflow/types';
import type { StoryDomain } from './story-builder';
import type { StoryInvestigation } from './story-types';

const DAY_MS = 24 * 60 * 60 * 1000;
const WEEK_MS = 7 * DAY_MS;
const RANK = ['critical', 'high', 'medium', 'low'];
const isHigh = (level: string) => level === 'high' || level === 'critical';

/** Openness of the story's items; investigation refs are resolved to ids when the rows are inserted. */
export interface StoryOpenItem {
  kind: 'ticket' | 'investigation';
  ref: string | StoryInvestigation;
  title: string;
  severity?: string;
  priority?: string;
}

export interface DomainEvidence {
  facts: GateFacts;
  snapshot: EvidenceSnapshot;
}

/**
 * The domain's gate facts at `at`, counted the way the server's facts query counts them, from
 * the story's state as replayed so far (the script runs in date order, so that state is `at`'s).
 */
export function factsAt(domain: StoryDomain, phase: Phase, at: Date): GateFacts {
  const t = DEFAULT_THRESHOLDS;
  const tickets = domain.tickets;
  const openTicket = (status: string) => (OPEN_TICKET_STATUSES as readonly string[]).includes(status);
  const reportedWithin = (fromDays: number, toDays: number) =>
    domain.investigations.filter((i) => {
      const age = at.getTime() - i.reportedAt.getTime();
      return age >= toDays * DAY_MS && age < fromDays * DAY_MS;
    }).length;
  return {
    problemStatements: tickets.filter((x) => x.kind === 'problem' && x.status !== 'wont_do').length,
    stakeholders: tickets.filter((x) => x.kind === 'stakeholder' && x.status !== 'wont_do').length,
    openHighTicketsInPhase: tickets.filter((x) => x.phase === phase && openTicket(x.status) && isHigh(x.priority))
      .length,
    readyMetrics: domain.artifacts.filter((a) => a.type === 'metric' && a.status === 'ready').length,
    readyDatasets: domain.artifacts.filter((a) => a.type === 'dataset' && a.status === 'ready').length,
    exampleAnalyses: domain.artifacts.filter((a) => a.type === 'analysis' && a.status !== 'deprecated').length,
    handoffSessionsDone: tickets.filter((x) => x.kind === 'session' && x.status === 'done').length,
    openHighRequests: tickets.filter((x) => x.kind === 'request' && openTicket(x.status) && isHigh(x.priority)).length,
    untriagedInvestigations: domain.investigations.filter((i) => i.status === 'reported').length,
    openHighInvestigations: domain.investigations.filter((i) => isOpenInvestigation(i.status) && isHigh(i.severity))
      .length,
    newInvestigationsInWindow: reportedWithin(t.newInvestigationWindowDays, 0),
    openInvestigations: domain.investigations.filter((i) => isOpenInvestigation(i.status)).length,
    weeksInPhase: Math.max(0, (at.getTime() - domain.phaseEnteredAt.getTime()) / WEEK_MS),
    confidence: confidenceAt(domain, at),
  };
}

/** The domain's measured confidence at `at`, as the server would have stored it then. */
function confidenceAt(domain: StoryDomain, at: Date): ConfidenceSummary | null {
  const start = domain.confidenceStart;
  if (!start || !canReportInvestigation(domain.stage)) return null;
  const investigations = domain.investigations
    .filter((i) => i.reportedAt.getTime() <= at.getTime())
    .map((i) => ({ reportedAt: i.reportedAt, severity: i.severity }));
  return summarize(assessConfidence({ investigations, start, now: observedUntil(start, at) }), at);
}

/** What a signer sees at `at`: the criteria with their values and the items still open in the phase. */
export function evidenceAt(domain: StoryDomain, phase: Phase, at: Date): DomainEvidence {
  const facts = factsAt(domain, phase, at);
  const waivers = domain.waivers
    .filter((w) => w.phase === phase)
    .map((w) => ({
      criterion: w.criterion as never,
      reason: w.reason,
      by: 'Ada Admin',
      at: w.createdAt.toISOString(),
    }));
  // Most serious first, as the gates module freezes them.
  const openItems: StoryOpenItem[] = [
    ...domain.tickets
      .filter((x) => x.phase === phase && (OPEN_TICKET_STATUSES as readonly string[]).includes(x.status))
      .sort((a, b) => RANK.indexOf(a.priority) - RANK.indexOf(b.priority) || a.number - b.number)
      .map((x) => ({ kind: 'ticket' as const, ref: x.key, title: x.title, priority: x.priority })),
    ...domain.investigations
      .filter((i) => isOpenInvestigation(i.status))
      .sort(
        (a, b) =>
          RANK.indexOf(a.severity) - RANK.indexOf(b.severity) || a.reportedAt.getTime() - b.reportedAt.getTime(),
      )
      .map((i) => ({ kind: 'investigation' as const, ref: i, title: i.title, severity: i.severity })),
  ];
  const snapshot = {
    phase,
    criteria: evaluateCriteria(phase, facts, DEFAULT_THRESHOLDS, waivers),
    // resolved to plain refs at insert time (see story.ts)
    openItems: openItems as unknown as EvidenceSnapshot['openItems'],
    capturedAt: at.toISOString(),
  };
  return { facts, snapshot };
}
