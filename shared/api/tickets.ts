import type { UserRef } from './common';
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
}
