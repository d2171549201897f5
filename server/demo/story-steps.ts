import type { DomainRole, Severity } from '../../shared/api/enums';
import type { User } from '../modules/users/user.entity';
import type { StoryBook, StoryDomain } from './story-builder';
import type { Later, StoryArtifact, StoryInvestigation, StoryTicket, TicketInput } from './story-types';
import {
  dismissInvestigation,
  reportInvestigation,
  resolveInvestigation,
  startInvestigating,
  triageInvestigation,
} from './story-weirdness';
import { advanceDomain, signGate } from './story-gates';

/** One oddity's whole life: reported `day` days ago, then each step `after` days later. */
export interface OdditySpec {
  day: number;
  by: User;
  title: string;
  observed: string;
  expected?: string;
  artifact?: Later<StoryArtifact>;
  severity: Severity;
  triage?: { after: number; by: User; investigator: User; severity?: Severity };
  investigating?: number;
  resolve?: {
    after: number;
    by: User;
    rootCause: string;
    resolution: string;
    caveat?: { artifact: Later<StoryArtifact>; text: string };
  };
  dismiss?: { after: number; by: User; reason: string };
  followUp?: { after: number; by: User; ticket: Omit<TicketInput, 'investigation'>; doneAfter?: number };
  comments?: { after: number; by: User; body: string }[];
}

/** Schedules an oddity's life on the domain's agenda. */
export function oddity(book: StoryBook, d: StoryDomain, spec: OdditySpec): Later<StoryInvestigation> {
  const at = (after: number) => book.ago(spec.day - after);
  const inv = d.on(at(0), () =>
    reportInvestigation(d, at(0), spec.by, {
      title: spec.title,
      observed: spec.observed,
      expected: spec.expected,
      artifact: spec.artifact?.v,
      severity: spec.severity,
    }),
  );
  const { triage, resolve, dismiss, followUp } = spec;
  if (triage) {
    d.on(at(triage.after), () =>
      triageInvestigation(d, inv.v, at(triage.after), triage.by, triage.severity ?? spec.severity, triage.investigator),
    );
  }
  if (spec.investigating !== undefined) {
    const after = spec.investigating;
    d.on(at(after), () => startInvestigating(d, inv.v, at(after), triage?.investigator ?? spec.by));
  }
  for (const comment of spec.comments ?? [])
    d.on(at(comment.after), () => d.comment(at(comment.after), comment.by, inv.v, comment.body));
  if (followUp) {
    const ticket = d.on<StoryTicket>(at(followUp.after), () =>
      d.ticket(at(followUp.after), followUp.by, { ...followUp.ticket, investigation: inv.v }),
    );
    if (followUp.doneAfter !== undefined) {
      const doneAt = at(followUp.doneAfter);
      d.on(doneAt, () => d.updateTicket(ticket.v, doneAt, followUp.by, { status: 'done' }));
    }
  }
  if (resolve) {
    d.on(at(resolve.after), () => {
      resolveInvestigation(d, inv.v, at(resolve.after), resolve.by, resolve.rootCause, resolve.resolution);
      if (resolve.caveat)
        d.caveat(at(resolve.after), resolve.by, resolve.caveat.artifact.v, resolve.caveat.text, inv.v);
    });
  }
  if (dismiss)
    d.on(at(dismiss.after), () => dismissInvestigation(d, inv.v, at(dismiss.after), dismiss.by, dismiss.reason));
  return inv;
}

/** A quiet oddity: one row of story-oddities.ts; `by` is a demo user key. */
export interface QuietOddity {
  day: number;
  severity: Severity;
  by: string;
  title: string;
  observed: string;
  rootCause: string;
  resolution: string;
}

/** Schedules many quiet oddities: triaged after a day or two, resolved a few days later. */
export function settled(
  book: StoryBook,
  d: StoryDomain,
  investigator: User,
  users: Record<string, User>,
  rows: readonly QuietOddity[],
): void {
  for (const { day, severity, by, title, observed, rootCause, resolution } of rows) {
    const span = severity === 'high' || severity === 'critical' ? 4 : 6;
    oddity(book, d, {
      day,
      by: users[by],
      title,
      observed,
      severity,
      triage: { after: severity === 'low' ? 2 : 1, by: investigator, investigator },
      investigating: 2.5,
      resolve: { after: span, by: investigator, rootCause, resolution },
    });
  }
}

/**
 * Schedules the approvals of a gate (each signer `[user, role, comment, daysBeforeAdvance]`) and
 * the advance itself, `day` days ago, by `by`.
 */
export function passGate(
  book: StoryBook,
  d: StoryDomain,
  day: number,
  by: User,
  signers: [user: User, role: DomainRole, comment: string, daysBefore: number][],
): void {
  for (const [user, role, comment, daysBefore] of signers) {
    d.on(book.ago(day + daysBefore), () => signGate(d, book.ago(day + daysBefore), user, role, 'approve', comment));
  }
  d.on(book.ago(day), () => advanceDomain(d, book.ago(day), by));
}
