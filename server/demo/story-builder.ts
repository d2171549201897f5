import { randomUUID } from 'node:crypto';
import type { ArtifactStatus, DomainRole, DomainStage, Phase, Priority, TicketStatus } from '../../shared/api/enums';
import { isPhase } from '../../shared/workflow/definition';
import type { User } from '../modules/users/user.entity';
import { Later } from './story-types';
import type {
  ArtifactInput,
  EntityRef,
  LateText,
  StoryArtifact,
  StoryAuditEvent,
  StoryCaveat,
  StoryComment,
  StoryInvestigation,
  StoryMember,
  StoryNotification,
  StorySignOff,
  StoryTicket,
  StoryWaiver,
  TicketInput,
} from './story-types';

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
  /** hand-off, or the last recycle into a phase before weirdness: where the oddity series starts */
  confidenceStart: Date | null = null;
  lastActivityAt: Date;
  held = false;
  holdReason: string | null = null;
  atRisk = false;
  atRiskReason: LateText | null = null;
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
    readonly book: StoryBook,
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
    this.record(at, by, 'domain.create', 'domain', this.id, null, {
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

  /** Writes an audit event of this domain and counts it as activity. */
  record(
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
    this.record(
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
    this.record(at, by, 'ticket.create', 'ticket', ticket.id, null, {
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
    this.record(at, by, 'ticket.update', 'ticket', ticket.id, before, after);
  }

  comment(at: Date, by: User, subject: StoryTicket | StoryInvestigation, body: string): void {
    const isTicket = 'key' in subject;
    const comment: StoryComment = {
      id: randomUUID(),
      subjectType: isTicket ? 'ticket' : 'investigation',
      // comments name tickets by their uuid (as the tickets service does), investigations by id
      subject: isTicket ? subject.id : subject,
      domainId: this.id,
      authorId: by.id,
      body,
      createdAt: at,
    };
    this.book.comments.push(comment);
    if (this.book.isRecent(at)) this.notifyMentions(at, by, body, subject);
    this.record(at, by, 'comment.create', 'comment', comment.id, null, () => ({
      subjectType: comment.subjectType,
      subjectId: isTicket ? subject.id : String(subject.id),
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
    this.record(at, by, 'artifact.create', 'artifact', artifact.id, null, {
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
    this.record(at, by, 'artifact.update', 'artifact', artifact.id, before, { name: artifact.name, status });
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
    this.record(at, by, 'caveat.create', 'caveat', caveat.id, null, () => ({
      id: caveat.id,
      artifactId: artifact.id,
      text,
      investigationId: investigation?.id ?? null,
    }));
  }

  /** Mentions (`@omar`) notify the users they name, as the comments module does (tickets by key). */
  private notifyMentions(at: Date, by: User, body: string, subject: StoryTicket | StoryInvestigation): void {
    const words = [...body.matchAll(/(?:^|[^\w@.])@([a-z0-9][\w.-]{0,63})/gi)].map((m) => m[1].toLowerCase());
    const mentioned = this.book.users.filter((u) => words.includes(u.email.split('@')[0].toLowerCase()));
    const isTicket = 'key' in subject;
    const label = () => (isTicket ? `${subject.key}: ${subject.title}` : `investigation #${subject.id}`);
    this.notify(
      mentioned.map((u) => u.id),
      at,
      {
        kind: 'mentioned',
        entityType: isTicket ? 'ticket' : 'investigation',
        entity: isTicket ? subject.key : subject,
        message: () => `${by.name} mentioned you on ${label()}`,
      },
      by,
    );
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

  /** Everyone holding a role in the domain: who hears about its risk. */
  memberIds(): string[] {
    return this.members.map((m) => m.userId);
  }

  leadIds(): string[] {
    return this.members.filter((m) => m.role === 'ds_lead' || m.role === 'product_lead').map((m) => m.userId);
  }

  /**
   * Entering a phase opens the round after the last one anybody signed there (as the gates module
   * does), so a recycled domain passes each gate again in a new round.
   */
  enterStage(at: Date, stage: DomainStage): void {
    if (isPhase(stage)) {
      const signed = this.signOffs.filter((s) => s.phase === stage).map((s) => s.round);
      this.rounds.set(stage, Math.max(0, ...signed) + 1);
    }
    this.stage = stage;
    this.phaseEnteredAt = at;
    this.updatedAt = at;
  }
}
