import type {
  ArtifactStatus,
  ArtifactType,
  DomainRole,
  InvestigationStatus,
  Phase,
  Priority,
  Severity,
  SignOffDecision,
  TicketKind,
  TicketStatus,
} from '../../shared/api/enums';
import type { EvidenceSnapshot } from '../../shared/api/domains';
import type { User } from '../modules/users/user.entity';

/** Text that names an investigation id, known only once the investigation is inserted. */
export type LateText = string | (() => string);

/** Resolves a LateText at insert time. */
export function lateText(text: LateText): string {
  return typeof text === 'function' ? text() : text;
}

/** The rows of the demo story, as the builder collects them before story.ts inserts them. */

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
  staleReason: LateText | null;
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
  message: LateText;
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
