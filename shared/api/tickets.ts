import type { CaveatRecurrence } from '../monitors/recurrence';
import type { UserRef } from './common';
import type { DbtSource } from './dbt';
import type { Phase, Priority, TicketKind, TicketStatus, ArtifactStatus, ArtifactType } from './enums';

export interface TicketView {
  id: string;
  key: string;
  domainKey: string;
  kind: TicketKind;
  title: string;
  body: string;
  phase: Phase;
  status: TicketStatus;
  priority: Priority;
  assignee: UserRef | null;
  reporter: UserRef | null;
  dueDate: string | null;
  labels: string[];
  artifactIds: string[];
  investigationId: number | null;
  commentCount: number;
  version: number;
  createdAt: string;
  updatedAt: string;
  can: { edit: boolean; comment: boolean };
}
export interface CreateTicketRequest {
  kind: TicketKind;
  title: string;
  body?: string;
  phase?: Phase;
  status?: TicketStatus;
  priority?: Priority;
  assigneeId?: string | null;
  dueDate?: string | null;
  labels?: string[];
  artifactIds?: string[];
  investigationId?: number | null;
}
export type UpdateTicketRequest = Partial<CreateTicketRequest>;

export interface CommentView {
  id: string;
  author: UserRef | null;
  body: string;
  createdAt: string;
}
export interface CreateCommentRequest {
  body: string;
}

export interface CaveatView {
  id: string;
  text: string;
  /** when the behaviour recurs (every Dec 25 …): monitors do not alarm on matching dates */
  recurrence: CaveatRecurrence | null;
  investigationId: number | null;
  author: UserRef | null;
  createdAt: string;
}

export interface ArtifactView {
  id: string;
  domainKey: string;
  type: ArtifactType;
  name: string;
  status: ArtifactStatus;
  description: string;
  /** metric: definition, formula, grain; dataset: location, grain, refresh; analysis: link, question */
  details: Record<string, string>;
  owner: UserRef | null;
  caveats: CaveatView[];
  /** set when the artifact is synced from dbt: its node, file, and the fields dbt owns */
  dbt: DbtSource | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  can: { edit: boolean };
}
export interface CreateArtifactRequest {
  type: ArtifactType;
  name: string;
  status?: ArtifactStatus;
  description?: string;
  details?: Record<string, string>;
  ownerId?: string | null;
}
export type UpdateArtifactRequest = Partial<Omit<CreateArtifactRequest, 'type'>>;
export interface CreateCaveatRequest {
  text: string;
  recurrence?: CaveatRecurrence;
}

/** POST /domains/:key/tickets/bulk: one change applied to many tickets of a domain, all or nothing. */
export interface BulkTicketChanges {
  status?: TicketStatus;
  /** null unassigns */
  assigneeId?: string | null;
  addLabels?: string[];
  removeLabels?: string[];
}
export interface BulkTicketsRequest {
  /** 1 to 200 keys of tickets of the domain */
  ticketKeys: string[];
  changes: BulkTicketChanges;
}
export interface BulkTicketsResult {
  /** the changed tickets, in the order of ticketKeys */
  tickets: TicketView[];
}
