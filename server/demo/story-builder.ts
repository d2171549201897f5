import { randomUUID } from 'node:crypto';
import type { DomainEvidence } from './story-evidence';
import { evidenceAt, factsAt } from './story-evidence';
import type {
  ArtifactStatus,
  ArtifactType,
  DomainRole,
  DomainStage,
  InvestigationStatus,
  Phase,
  Priority,
  Severity,
  SignOffDecision,
  TicketKind,
  TicketStatus,
} from '../../shared/api/enums';
import type { EvidenceSnapshot } from '../../shared/api/domains';
import {
  DEFAULT_THRESHOLDS,
  DOMAIN_ROLE_LABELS,
  PHASE_INFO,
  isEarlierPhase,
  isPhase,
  nextStage,
  requiredRoles,
} from '../../shared/workflow/definition';
import { evaluateCriteria, isCriterionSatisfied } from '../../shared/workflow/evaluate';
import type { User } from '../modules/users/user.entity';

/*
 * The demo story is written as a script of dated actions per domain. The builder replays them in
 * memory (so a sign-off's evidence is computed from what existed at that moment, and a gate is
 * only passed when its criteria really passed), and collects the rows and the audit events that
 * story.ts then inserts in one transaction.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
const INBOX_DAYS = 10;
/** entries older than this many days are shown as read */
const READ_AFTER_DAYS = 4;

export interface StoryTicket {
  id: string;
  domainId: string;
  number: number;
  key: string;
  kind: TicketKind;
  title: string;
  body: string;
  phase: Phase;
  status: TicketStatus;
  priority: Priority;
  assigneeId: string | null;
  reporterId: string | null;
  dueDate: string | null;
  labels: string[];
  artifactIds: string[];
  investigation: StoryInvestigation | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface StoryArtifact {
  id: string;
  domainId: string;
  type: ArtifactType;
  name: string;
  status: ArtifactStatus;
  description: string;
  details: Record<string, string>;
  ownerId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface StoryInvestigation {
  /** filled in when the row is inserted (serial id) */
  id: number | null;
  domainId: string;
  domainKey: string;
  title: string;
  observed: string;
  expected: string;
  artifactId: string | null;
  severity: Severity;
  status: InvestigationStatus;
  reporterId: string | null;
  investigatorId: string | null;
  rootCause: string | null;
  resolution: string | null;
  dismissReason: string | null;
  reportedAt: Date;
  triagedAt: Date | null;
  closedAt: Date | null;
  updatedAt: Date;
}

export interface StorySignOff {
  id: string;
  domainId: string;
  phase: Phase;
  round: number;
  role: DomainRole;
  userId: string;
  decision: SignOffDecision;
  comment: string;
  evidence: EvidenceSnapshot;
  staleAt: Date | null;
  staleReason: string | null;
  supersededAt: Date | null;
  createdAt: Date;
}

/** An entity id that may only be known after insert (investigations have serial ids). */
export type EntityRef = string | StoryInvestigation;

export interface StoryAuditEvent {
  seq: number;
  at: Date;
  actorId: string | null;
  action: string;
  entityType: string;
  entity: EntityRef;
  domainId: string | null;
  before: unknown;
  /** a function when it names an investigation id, known only once inserted */
  after: unknown;
}

export interface StoryComment {
  id: string;
  subjectType: 'ticket' | 'investigation';
  subject: EntityRef;
  domainId: string;
  authorId: string;
  body: string;
  createdAt: Date;
}

export interface StoryCaveat {
  id: string;
  artifactId: string;
  text: string;
  investigation: StoryInvestigation | null;
  authorId: string;
  createdAt: Date;
}

export interface StoryNotification {
  userId: string;
  kind: string;
  domainId: string;
  entityType: string;
  entity: EntityRef;
  /** a function when it names an investigation id */
  message: string | (() => string);
  readAt: Date | null;
  createdAt: Date;
}

export interface StoryMember {
  domainId: string;
  userId: string;
  role: DomainRole;
  createdAt: Date;
}

export interface StoryWaiver {
  id: string;
  domainId: string;
  phase: Phase;
  criterion: string;
  reason: string;
  userId: string;
  createdAt: Date;
}

export interface TicketInput {
  kind: TicketKind;
  title: string;
  body?: string;
  phase?: Phase;
  status?: TicketStatus;
  priority?: Priority;
  assignee?: User | null;
  /** days from the story's `now`; negative is in the past */
  dueInDays?: number;
  labels?: string[];
  artifacts?: StoryArtifact[];
  investigation?: StoryInvestigation;
}

export interface ArtifactInput {
  type: ArtifactType;
  name: string;
  status?: ArtifactStatus;
  description?: string;
  details: Record<string, string>;
  owner?: User;
}

export interface InvestigationInput {
  title: string;
  observed: string;
  expected?: string;
  artifact?: StoryArtifact;
  severity?: Severity;
}

/** What the audit log keeps of an investigation (its id is filled in at insert time). */
function investigationAudit(investigation: StoryInvestigation): () => Record<string, unknown> {
  const copy = { ...investigation };
  return () => {
    const { domainKey: _key, ...row } = copy;
    return { ...row, id: investigation.id };
  };
}

/** The result of a scheduled action, available once the agenda has played up to it. */
export class Later<T> {
  private done = false;
  private result!: T;

  set(value: T): void {
    this.result = value;
    this.done = true;
  }

  get v(): T {
    if (!this.done) throw new Error('demo story: used before it happened');
    return this.result;
  }
}

/** All rows of the story, ready to insert. */
export class StoryBook {
  readonly domains: StoryDomain[] = [];
  readonly audit: StoryAuditEvent[] = [];
  readonly comments: StoryComment[] = [];
  readonly caveats: StoryCaveat[] = [];
  readonly notifications: StoryNotification[] = [];
  private seq = 0;

  constructor(
    readonly now: Date,
    readonly users: readonly User[],
  ) {}

  /** Inbox entries are written for what happened lately; older ones would long have been read away. */
  isRecent(at: Date): boolean {
    return this.now.getTime() - at.getTime() < INBOX_DAYS * DAY_MS;
  }

  /** A moment `days` before now, nudged by `minutes` so that same-day actions keep their order. */
  ago(days: number, minutes = 0): Date {
    return new Date(this.now.getTime() - days * DAY_MS + minutes * 60_000);
  }

  /** A date-only string `days` from now (negative is in the past). */
  dateIn(days: number): string {
    return new Date(this.now.getTime() + days * DAY_MS).toISOString().slice(0, 10);
  }

  domain(at: Date, by: User, input: { key: string; name: string; description: string }): StoryDomain {
    const domain = new StoryDomain(this, at, by, input);
    this.domains.push(domain);
    return domain;
  }

  record(event: Omit<StoryAuditEvent, 'seq'>): void {
    if (event.at.getTime() > this.now.getTime()) throw new Error(`demo event ${event.action} is in the future`);
    this.audit.push({ ...event, seq: this.seq++ });
  }

  notify(entry: StoryNotification): void {
    this.notifications.push(entry);
  }
}

export class StoryDomain {
  readonly id = randomUUID();
  readonly key: string;
  readonly name: string;
  readonly description: string;
  stage: DomainStage = 'specs';
  phaseEnteredAt: Date;
  lastActivityAt: Date;
  held = false;
  holdReason: string | null = null;
  atRisk = false;
  atRiskReason: string | null = null;
  readonly createdAt: Date;
  updatedAt: Date;
  /** gate round per phase; a recycle starts a new round for every gate passed again */
  readonly rounds = new Map<Phase, number>();
  readonly members: StoryMember[] = [];
  readonly tickets: StoryTicket[] = [];
  readonly artifacts: StoryArtifact[] = [];
  readonly investigations: StoryInvestigation[] = [];
  readonly signOffs: StorySignOff[] = [];
  readonly waivers: StoryWaiver[] = [];
  private readonly agenda: { at: Date; seq: number; run: () => void }[] = [];

  constructor(
    private readonly book: StoryBook,
    at: Date,
    by: User,
    input: { key: string; name: string; description: string },
  ) {
    this.key = input.key;
    this.name = input.name;
    this.description = input.description;
    this.createdAt = at;
    this.updatedAt = at;
    this.phaseEnteredAt = at;
    this.lastActivityAt = at;
    this.event(at, by, 'domain.create', 'domain', this.id, null, {
      id: this.id,
      key: this.key,
      name: this.name,
      description: this.description,
      stage: 'specs',
    });
  }

  /**
   * Schedules an action. Scripts describe each thing's whole life at once (an investigation from
   * report to resolution); play() then runs every action in date order, so the facts a sign-off
   * sees are those of its date.
   */
  on<T>(at: Date, run: () => T): Later<T> {
    const later = new Later<T>();
    this.agenda.push({ at, seq: this.agenda.length, run: () => later.set(run()) });
    return later;
  }

  play(): void {
    const actions = [...this.agenda].sort((a, b) => a.at.getTime() - b.at.getTime() || a.seq - b.seq);
    this.agenda.length = 0;
    for (const action of actions) action.run();
  }

  get gateRound(): number {
    return isPhase(this.stage) ? this.roundOf(this.stage) : 1;
  }

  roundOf(phase: Phase): number {
    return this.rounds.get(phase) ?? 1;
  }

  private event(
    at: Date,
    by: User | null,
    action: string,
    entityType: string,
    entity: EntityRef,
    before: unknown,
    after: unknown,
  ): void {
    this.book.record({ at, actorId: by?.id ?? null, action, entityType, entity, domainId: this.id, before, after });
    if (at > this.lastActivityAt) this.lastActivityAt = at;
  }

  /** Gives a user one or more domain roles (one event, as PUT /members/:userId writes it). */
  member(at: Date, by: User, user: User, roles: DomainRole[]): this {
    for (const role of roles) this.members.push({ domainId: this.id, userId: user.id, role, createdAt: at });
    this.event(
      at,
      by,
      'domain.member.set',
      'domain_member',
      user.id,
      { userId: user.id, name: user.name, roles: [] },
      { userId: user.id, name: user.name, roles },
    );
    return this;
  }

  hasRole(user: User, role: DomainRole): boolean {
    return this.members.some((m) => m.userId === user.id && m.role === role);
  }

  ticket(at: Date, by: User, input: TicketInput): StoryTicket {
    const number = this.tickets.length + 1;
    const phase: Phase = input.phase ?? (isPhase(this.stage) ? this.stage : 'confidence');
    const ticket: StoryTicket = {
      id: randomUUID(),
      domainId: this.id,
      number,
      key: `${this.key}-${number}`,
      kind: input.kind,
      title: input.title,
      body: input.body ?? '',
      phase,
      status: input.status ?? 'open',
      priority: input.priority ?? 'medium',
      assigneeId: input.assignee?.id ?? null,
      reporterId: by.id,
      dueDate: input.dueInDays === undefined ? null : this.book.dateIn(input.dueInDays),
      labels: input.labels ?? [],
      artifactIds: (input.artifacts ?? []).map((a) => a.id),
      investigation: input.investigation ?? null,
      createdAt: at,
      updatedAt: at,
    };
    this.tickets.push(ticket);
    this.event(at, by, 'ticket.create', 'ticket', ticket.id, null, {
      key: ticket.key,
      kind: ticket.kind,
      title: ticket.title,
      phase: ticket.phase,
      status: ticket.status,
      priority: ticket.priority,
      assigneeId: ticket.assigneeId,
    });
    return ticket;
  }

  updateTicket(
    ticket: StoryTicket,
    at: Date,
    by: User,
    changes: { status?: TicketStatus; priority?: Priority; assignee?: User | null },
  ): void {
    const before: Record<string, unknown> = { key: ticket.key };
    const after: Record<string, unknown> = { key: ticket.key };
    if (changes.status) {
      before.status = ticket.status;
      after.status = ticket.status = changes.status;
    }
    if (changes.priority) {
      before.priority = ticket.priority;
      after.priority = ticket.priority = changes.priority;
    }
    if (changes.assignee !== undefined) {
      before.assigneeId = ticket.assigneeId;
      after.assigneeId = ticket.assigneeId = changes.assignee?.id ?? null;
    }
    ticket.updatedAt = at;
    this.event(at, by, 'ticket.update', 'ticket', ticket.id, before, after);
  }

  comment(at: Date, by: User, subject: StoryTicket | StoryInvestigation, body: string): void {
    const isTicket = 'key' in subject;
    const comment: StoryComment = {
      id: randomUUID(),
      subjectType: isTicket ? 'ticket' : 'investigation',
      // tickets are commented by key (RET-12), investigations by id
      subject: isTicket ? subject.key : subject,
      domainId: this.id,
      authorId: by.id,
      body,
      createdAt: at,
    };
    this.book.comments.push(comment);
    if (this.book.isRecent(at))
      this.notifyMentions(at, by, comment, isTicket ? subject.key : `investigation #`, subject);
    this.event(at, by, 'comment.create', 'comment', comment.id, null, () => ({
      subjectType: comment.subjectType,
      subjectId: isTicket ? subject.key : String(subject.id),
      body,
    }));
  }

  artifact(at: Date, by: User, input: ArtifactInput): StoryArtifact {
    const artifact: StoryArtifact = {
      id: randomUUID(),
      domainId: this.id,
      type: input.type,
      name: input.name,
      status: input.status ?? 'draft',
      description: input.description ?? '',
      details: input.details,
      ownerId: (input.owner ?? by).id,
      createdAt: at,
      updatedAt: at,
    };
    this.artifacts.push(artifact);
    this.event(at, by, 'artifact.create', 'artifact', artifact.id, null, {
      type: artifact.type,
      name: artifact.name,
      status: artifact.status,
    });
    return artifact;
  }

  setArtifactStatus(artifact: StoryArtifact, at: Date, by: User, status: ArtifactStatus): void {
    const before = { name: artifact.name, status: artifact.status };
    artifact.status = status;
    artifact.updatedAt = at;
    this.event(at, by, 'artifact.update', 'artifact', artifact.id, before, { name: artifact.name, status });
  }

  caveat(at: Date, by: User, artifact: StoryArtifact, text: string, investigation: StoryInvestigation | null): void {
    const caveat: StoryCaveat = {
      id: randomUUID(),
      artifactId: artifact.id,
      text,
      investigation,
      authorId: by.id,
      createdAt: at,
    };
    this.book.caveats.push(caveat);
    this.event(at, by, 'caveat.create', 'caveat', caveat.id, null, () => ({
      id: caveat.id,
      artifactId: artifact.id,
      text,
      investigationId: investigation?.id ?? null,
    }));
  }

  waive(at: Date, admin: User, criterion: string, reason: string): void {
    if (!isPhase(this.stage)) throw new Error('no gate to waive');
    const waiver: StoryWaiver = {
      id: randomUUID(),
      domainId: this.id,
      phase: this.stage,
      criterion,
      reason,
      userId: admin.id,
      createdAt: at,
    };
    this.waivers.push(waiver);
    this.event(at, admin, 'waiver.create', 'waiver', waiver.id, null, { phase: waiver.phase, criterion, reason });
  }

  /** Reports an oddity; a high or critical one makes the current round's sign-offs stale. */
  investigate(at: Date, by: User, input: InvestigationInput): StoryInvestigation {
    const investigation: StoryInvestigation = {
      id: null,
      domainId: this.id,
      domainKey: this.key,
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
    this.investigations.push(investigation);
    this.event(at, by, 'investigation.create', 'investigation', investigation, null, investigationAudit(investigation));
    if (investigation.severity === 'high' || investigation.severity === 'critical') {
      this.markStale(at, `New ${investigation.severity} investigation: ${investigation.title}`);
    }
    if (this.book.isRecent(at)) {
      this.notify(
        this.leadIds(),
        at,
        {
          kind: 'investigation_reported',
          entityType: 'investigation',
          entity: investigation,
          message: `${by.name} reported ${investigation.severity} weirdness on ${this.key}: ${investigation.title}`,
        },
        by,
      );
    }
    return investigation;
  }

  triage(investigation: StoryInvestigation, at: Date, by: User, severity: Severity, investigator: User): void {
    const before = { status: investigation.status, severity: investigation.severity };
    investigation.status = 'triaged';
    investigation.severity = severity;
    investigation.investigatorId = investigator.id;
    investigation.triagedAt = at;
    investigation.updatedAt = at;
    this.event(
      at,
      by,
      'investigation.triaged',
      'investigation',
      investigation,
      before,
      investigationAudit(investigation),
    );
    if (this.book.isRecent(at)) {
      this.notify(
        [investigator.id],
        at,
        {
          kind: 'assigned',
          entityType: 'investigation',
          entity: investigation,
          message: () => `You are investigating #${investigation.id} on ${this.key}: ${investigation.title}`,
        },
        by,
      );
    }
  }

  startInvestigating(investigation: StoryInvestigation, at: Date, by: User): void {
    const before = { status: investigation.status };
    investigation.status = 'investigating';
    investigation.updatedAt = at;
    this.event(
      at,
      by,
      'investigation.investigating',
      'investigation',
      investigation,
      before,
      investigationAudit(investigation),
    );
  }

  resolve(investigation: StoryInvestigation, at: Date, by: User, rootCause: string, resolution: string): void {
    const before = { status: investigation.status };
    investigation.status = 'resolved';
    investigation.rootCause = rootCause;
    investigation.resolution = resolution;
    investigation.closedAt = at;
    investigation.updatedAt = at;
    this.event(
      at,
      by,
      'investigation.resolved',
      'investigation',
      investigation,
      before,
      investigationAudit(investigation),
    );
  }

  dismiss(investigation: StoryInvestigation, at: Date, by: User, reason: string): void {
    const before = { status: investigation.status };
    investigation.status = 'dismissed';
    investigation.dismissReason = reason;
    investigation.closedAt = at;
    investigation.updatedAt = at;
    this.event(
      at,
      by,
      'investigation.dismissed',
      'investigation',
      investigation,
      before,
      investigationAudit(investigation),
    );
  }

  /** The gate facts and frozen evidence of the current phase, as they stand at `at`. */
  evidence(at: Date): DomainEvidence {
    if (!isPhase(this.stage)) throw new Error(`${this.key} has no gate`);
    return evidenceAt(this, this.stage, at);
  }

  signOff(at: Date, user: User, role: DomainRole, decision: SignOffDecision, comment = ''): StorySignOff {
    if (!isPhase(this.stage)) throw new Error(`${this.key} is certified: nothing to sign`);
    if (!this.hasRole(user, role)) throw new Error(`${user.name} is not ${role} of ${this.key}`);
    if (decision === 'reject' && !comment) throw new Error('a reject needs a comment');
    const phase = this.stage;
    const round = this.gateRound;
    for (const previous of this.signOffs) {
      if (previous.phase === phase && previous.round === round && previous.role === role && !previous.supersededAt)
        previous.supersededAt = at;
    }
    const signOff: StorySignOff = {
      id: randomUUID(),
      domainId: this.id,
      phase,
      round,
      role,
      userId: user.id,
      decision,
      comment,
      evidence: this.evidence(at).snapshot,
      staleAt: null,
      staleReason: null,
      supersededAt: null,
      createdAt: at,
    };
    this.signOffs.push(signOff);
    this.event(at, user, 'signoff.create', 'sign_off', signOff.id, null, { phase, round, role, decision, comment });
    return signOff;
  }

  markStale(at: Date, reason: string): void {
    if (!isPhase(this.stage)) return;
    for (const signOff of this.signOffs) {
      if (
        signOff.phase === this.stage &&
        signOff.round === this.gateRound &&
        !signOff.staleAt &&
        !signOff.supersededAt
      ) {
        signOff.staleAt = at;
        signOff.staleReason = reason;
      }
    }
  }

  /** Passes the current gate; throws when the story got it wrong (the gate would not be open). */
  advance(at: Date, by: User): void {
    if (!isPhase(this.stage)) throw new Error(`${this.key} is certified`);
    if (this.held) throw new Error(`${this.key} is on hold`);
    const phase = this.stage;
    const facts = factsAt(this, phase, at);
    const waivers = this.waivers
      .filter((w) => w.phase === phase)
      .map((w) => ({ criterion: w.criterion as never, reason: w.reason, by: 'admin', at: w.createdAt.toISOString() }));
    const failed = evaluateCriteria(phase, facts, DEFAULT_THRESHOLDS, waivers).filter((c) => !isCriterionSatisfied(c));
    if (failed.length)
      throw new Error(`${this.key} ${phase} gate: ${failed.map((c) => `${c.key}=${c.value}`).join(', ')}`);
    const hasSponsor = this.members.some((m) => m.role === 'sponsor');
    for (const role of requiredRoles(phase, hasSponsor)) {
      const approved = this.signOffs.some(
        (s) =>
          s.phase === phase &&
          s.round === this.gateRound &&
          s.role === role &&
          s.decision === 'approve' &&
          !s.staleAt &&
          !s.supersededAt,
      );
      if (!approved) throw new Error(`${this.key} ${phase} gate: ${role} has not approved`);
    }
    const to = nextStage(phase);
    const before = { stage: phase, round: this.gateRound };
    this.setStage(at, to);
    this.event(at, by, 'domain.advance', 'domain', this.id, before, { stage: to, round: this.gateRound, auto: false });
  }

  /** Sends the domain back; every gate it must pass again starts a new round. */
  recycle(at: Date, by: User, toPhase: Phase, reason: string): void {
    if (!isEarlierPhase(toPhase, this.stage)) throw new Error(`cannot recycle ${this.key} to ${toPhase}`);
    const before = { stage: this.stage, round: this.gateRound };
    this.setStage(at, toPhase);
    this.event(at, by, 'domain.recycle', 'domain', this.id, before, {
      stage: toPhase,
      round: this.gateRound,
      atRisk: false,
      reason,
    });
  }

  /** What the weirdness module does when a certified domain gets serious new weirdness. */
  markAtRisk(at: Date, by: User, reason: string): void {
    if (this.stage !== 'certified') throw new Error(`${this.key} is not certified`);
    this.atRisk = true;
    this.atRiskReason = reason;
    this.event(
      at,
      by,
      'domain.at_risk',
      'domain',
      this.id,
      { atRisk: false, atRiskReason: null },
      { atRisk: true, atRiskReason: reason },
    );
    const message = `${this.key} is at risk: ${reason}`;
    this.notify(this.leadIds(), at, { kind: 'domain_at_risk', entityType: 'domain', entity: this.key, message });
  }

  /** Mentions (`@omar`) notify the users they name, as the comments module does. */
  private notifyMentions(
    at: Date,
    by: User,
    comment: StoryComment,
    label: string,
    subject: StoryTicket | StoryInvestigation,
  ): void {
    const words = [...comment.body.matchAll(/(?:^|[^\w@.])@([a-z0-9][\w.-]{0,63})/gi)].map((m) => m[1].toLowerCase());
    const mentioned = this.book.users.filter((u) => words.includes(u.email.split('@')[0].toLowerCase()));
    const name = () => ('key' in subject ? label : `${label}${subject.id}`);
    this.notify(
      mentioned.map((u) => u.id),
      at,
      {
        kind: 'mentioned',
        entityType: comment.subjectType,
        entity: comment.subject,
        message: () => `${by.name} mentioned you on ${name()}`,
      },
      by,
    );
  }

  hold(at: Date, by: User, reason: string): void {
    this.held = true;
    this.holdReason = reason;
    this.updatedAt = at;
    this.event(at, by, 'domain.hold', 'domain', this.id, { held: false }, { held: true, reason });
  }

  resume(at: Date, by: User): void {
    const reason = this.holdReason;
    this.held = false;
    this.holdReason = null;
    this.updatedAt = at;
    this.event(at, by, 'domain.resume', 'domain', this.id, { held: true, reason }, { held: false });
  }

  /** An inbox entry, as the module that owns the action writes it; the actor is never notified. */
  notify(
    userIds: readonly string[],
    at: Date,
    entry: { kind: string; entityType: string; entity: EntityRef; message: string | (() => string) },
    actor?: User | null,
  ): void {
    const read = this.book.now.getTime() - at.getTime() > READ_AFTER_DAYS * DAY_MS;
    for (const userId of new Set(userIds)) {
      if (userId === actor?.id) continue;
      this.book.notify({ userId, domainId: this.id, ...entry, readAt: read ? at : null, createdAt: at });
    }
  }

  private leadIds(): string[] {
    return this.members.filter((m) => m.role === 'ds_lead' || m.role === 'product_lead').map((m) => m.userId);
  }

  /** Asks a role holder for their sign-off (a new round, or their sign-off went stale). */
  requestSignOff(at: Date, user: User, role: DomainRole): void {
    if (!isPhase(this.stage)) throw new Error(`${this.key} has no gate`);
    const message = `${this.key} · ${PHASE_INFO[this.stage].label}: your sign-off as ${DOMAIN_ROLE_LABELS[role]} is needed (round ${this.gateRound}).`;
    this.notify([user.id], at, { kind: 'signoff_requested', entityType: 'domain', entity: this.key, message });
  }

  /**
   * Entering a phase opens the round after the last one anybody signed there (as the gates module
   * does), so a recycled domain passes each gate again in a new round.
   */
  private setStage(at: Date, stage: DomainStage): void {
    if (isPhase(stage)) {
      const signed = this.signOffs.filter((s) => s.phase === stage).map((s) => s.round);
      this.rounds.set(stage, Math.max(0, ...signed) + 1);
    }
    this.stage = stage;
    this.phaseEnteredAt = at;
    this.updatedAt = at;
  }
}
