import type { ArtifactType, InvestigationStatus } from './enums';

/**
 * Which nodes of a dbt project belong to a domain: a node is selected when it matches any of the
 * lists (its group, one of its tags, a folder prefix of its file, or its unique_id). Nodes of
 * installed packages are only taken when named by unique_id. Stored on the domain.
 */
export interface DbtSelector {
  groups: string[];
  tags: string[];
  /** prefixes of `original_file_path`, e.g. `models/marts/retention/` */
  pathPrefixes: string[];
  uniqueIds: string[];
  /** base of the links back to the code, e.g. `https://github.com/acme/analytics/blob/main/` */
  repoUrl: string | null;
}
export type PutDbtSelectorRequest = Partial<DbtSelector>;

/** What dbt says about an artifact it owns; dbt-owned fields are read-only in Cairn. */
export interface DbtSource {
  uniqueId: string;
  /** model, seed, snapshot, source, metric, exposure */
  resourceType: string;
  packageName: string;
  /** the file in the dbt project (original_file_path) */
  path: string;
  /** link to the file in the repository, when the selector names a repoUrl */
  codeUrl: string | null;
  /** the owner named in dbt when no Cairn user has that email */
  ownerText: string | null;
  /** dataset: materialisation; metric: simple, ratio …; analysis: exposure type and maturity */
  kind: string | null;
  label: string | null;
  filters: string[];
  columns: { name: string; description: string }[];
  maturity: string | null;
  /** the artifact fields dbt owns: edits to them are refused */
  ownedFields: string[];
}

export interface DbtFieldChange {
  field: string;
  before: string;
  after: string;
}
export interface DbtPlanEntry {
  uniqueId: string;
  type: ArtifactType;
  name: string;
  /** the existing artifact (changed, unchanged, removed) */
  artifactId: string | null;
  /** changed: every field that differs; created: the values set */
  changes: DbtFieldChange[];
  /** changed or removed while `ready`: its sign-offs go stale */
  wasReady: boolean;
}
export interface DbtPlan {
  dbtSchemaVersion: string;
  dbtVersion: string;
  projectName: string;
  /** nodes in the manifest, and how many the selector took */
  nodesInManifest: number;
  selected: number;
  created: DbtPlanEntry[];
  changed: DbtPlanEntry[];
  /** only counted and named, without field changes */
  unchanged: { uniqueId: string; artifactId: string; name: string }[];
  /** gone from dbt or from the selector: they become `deprecated`, never deleted */
  removed: DbtPlanEntry[];
  warnings: string[];
  /** fingerprint of created, changed and removed: pass it as `?planHash=` to apply only this plan */
  planHash: string;
}
export interface DbtSyncResult {
  dryRun: boolean;
  plan: DbtPlan;
  /** users whose sign-offs went stale */
  staleSignOffs: number;
}

export interface DbtTestState {
  testUniqueId: string;
  testName: string;
  artifactId: string | null;
  artifactName: string | null;
  /** pass, fail, error, warn, skipped */
  lastStatus: string;
  failing: boolean;
  investigationId: number | null;
  investigationStatus: InvestigationStatus | null;
  /** the test passed again while its investigation is open: a lead may resolve it */
  offeredForResolutionAt: string | null;
  occurrences: number;
  lastSeenAt: string;
}
export interface DbtResultsOutcome {
  testUniqueId: string;
  status: string;
  action: 'opened' | 'occurrence' | 'offered_for_resolution' | 'passing' | 'held_before_handoff' | 'already_recorded';
  investigationId: number | null;
}
export interface DbtResultsResult {
  invocationId: string;
  tests: number;
  failing: number;
  outcomes: DbtResultsOutcome[];
}
export interface DbtStatusView {
  selector: DbtSelector;
  artifacts: number;
  failingTests: number;
  tests: DbtTestState[];
  can: { sync: boolean; editSelector: boolean; postResults: boolean };
}
