/** Product vocabulary shared by server and client. Data only. */

export const PHASES = ['specs', 'scoping', 'handoff', 'weirdness', 'confidence'] as const;
export type Phase = (typeof PHASES)[number];
/** Where a domain can be: one of the five phases, or past the last gate. */
// Spelled out (not spread from PHASES) so schema generators can read it.
export const DOMAIN_STAGES = ['specs', 'scoping', 'handoff', 'weirdness', 'confidence', 'certified'] as const;
export type DomainStage = (typeof DOMAIN_STAGES)[number];

export const GLOBAL_ROLES = ['admin', 'member', 'viewer'] as const;
export type GlobalRole = (typeof GLOBAL_ROLES)[number];

export const DOMAIN_ROLES = ['ds_lead', 'product_lead', 'sponsor', 'contributor'] as const;
export type DomainRole = (typeof DOMAIN_ROLES)[number];

export const TICKET_KINDS = [
  'problem',
  'concern',
  'stakeholder',
  'exploration',
  'request',
  'session',
  'data_collection',
  'task',
] as const;
export type TicketKind = (typeof TICKET_KINDS)[number];

export const TICKET_STATUSES = ['open', 'in_progress', 'blocked', 'done', 'wont_do'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
/** Statuses that count as "open" for gate criteria. */
export const OPEN_TICKET_STATUSES: readonly TicketStatus[] = ['open', 'in_progress', 'blocked'];

export const PRIORITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const ARTIFACT_TYPES = ['metric', 'dataset', 'analysis'] as const;
export type ArtifactType = (typeof ARTIFACT_TYPES)[number];

export const ARTIFACT_STATUSES = ['draft', 'ready', 'deprecated'] as const;
export type ArtifactStatus = (typeof ARTIFACT_STATUSES)[number];

export const INVESTIGATION_STATUSES = ['reported', 'triaged', 'investigating', 'resolved', 'dismissed'] as const;
export type InvestigationStatus = (typeof INVESTIGATION_STATUSES)[number];

export const SIGNOFF_DECISIONS = ['approve', 'reject'] as const;
export type SignOffDecision = (typeof SIGNOFF_DECISIONS)[number];

/** How the client is drawn: light, dark, or whatever the operating system prefers. */
export const THEMES = ['light', 'dark', 'system'] as const;
export type Theme = (typeof THEMES)[number];
