import type { UserRef } from './common';
import type { ArtifactStatus, ArtifactType, DomainRole, DomainStage, InvestigationStatus, Severity } from './enums';
import type { CaveatView } from './tickets';

/** How far an artifact can be trusted, from its domain and itself (docs/catalog.md). */
export const TRUST_STATUSES = ['certified', 'at_risk', 'in_progress', 'deprecated'] as const;
export type TrustStatus = (typeof TRUST_STATUSES)[number];

/**
 * The trust of an artifact: `certified` (its domain is certified, not at risk, and it is ready),
 * `at_risk` (its certified domain is at risk: `reason`), `in_progress` (its domain is still in
 * `phase`, or it is a draft of a certified domain: `phase` is then `certified`), `deprecated`.
 */
export interface TrustView {
  status: TrustStatus;
  /** in_progress: where the domain is */
  phase: DomainStage | null;
  /** at_risk: why the domain is at risk; in_progress in a certified domain: why the artifact is not trusted */
  reason: string | null;
}

/** A domain lead as the catalog shows it: who to ask. */
export interface CatalogLeadView extends UserRef {
  roles: DomainRole[];
}

export interface CatalogInvestigationRef {
  id: number;
  title: string;
  severity: Severity;
  status: InvestigationStatus;
}

/** The newest approving sign-off whose evidence held the artifact. */
export interface CatalogSignOffView {
  id: string;
  /** the gate's phase (`certified` for a re-confirmation) */
  phase: DomainStage;
  round: number;
  role: DomainRole;
  signer: UserRef;
  signedAt: string;
  comment: string;
  /** the sign-off no longer counts: the evidence changed after it */
  stale: boolean;
  /** the artifact version the signer saw, and whether the artifact changed since */
  artifactVersion: number;
  changedSince: boolean;
  evidence: { criteriaPassed: number; criteriaTotal: number; openItems: number; capturedAt: string };
}

/** One catalog entry: everything a reader needs to decide whether to use the artifact. */
export interface CatalogEntryView {
  id: string;
  type: ArtifactType;
  name: string;
  status: ArtifactStatus;
  description: string;
  /** metric: definition, formula (or SQL), grain; dataset: location, grain, refresh; analysis: link, question */
  details: Record<string, string>;
  domain: { key: string; name: string; stage: DomainStage };
  trust: TrustView;
  caveats: CaveatView[];
  openInvestigations: { total: number; items: CatalogInvestigationRef[] };
  owner: UserRef | null;
  leads: CatalogLeadView[];
  lastSignOff: CatalogSignOffView | null;
  updatedAt: string;
  /** the public badges of the artifact and of its domain, to embed in dashboards and wikis */
  badges: { artifact: BadgeTokenView; domain: BadgeTokenView };
  can: {
    /** may report weirdness about it (members and admins) */
    report: boolean;
    /** may rotate the badge tokens (a lead of its domain, or an admin) */
    rotateBadge: boolean;
  };
}

/** GET /catalog query. */
export interface CatalogQuery {
  q?: string;
  type?: ArtifactType;
  /** a domain key */
  domain?: string;
  trust?: TrustStatus;
  /** a user id, or `me` */
  owner?: string;
  limit?: number;
  cursor?: string;
}

/** POST /artifacts/:id/reports: "this looks weird". */
export interface WeirdnessReportRequest {
  title: string;
  /** what they saw */
  observed: string;
  /** what they expected */
  expected?: string;
  /** where they saw it (a dashboard, a notebook) */
  link?: string;
}

/**
 * Where a report was kept: a `reported` investigation, or before hand-off (no investigations yet)
 * a concern ticket of the domain.
 */
export interface WeirdnessReportResult {
  keptAs: 'investigation' | 'ticket';
  investigationId: number | null;
  ticketKey: string | null;
  domainKey: string;
  message: string;
}

/**
 * GET /badges/…json: what a badge tells anyone holding its URL, and nothing more. A domain is
 * certified, at risk or in progress; its caveats are those of its artifacts in use.
 */
export interface BadgeView {
  name: string;
  status: TrustStatus;
  caveats: number;
}

/** The badge URLs of an artifact or a domain (relative to the app's origin); the token is in them. */
export interface BadgeTokenView {
  svgUrl: string;
  jsonUrl: string;
}
