import type { Severity } from './enums';

/** Kinds of data source a monitor can query. */
export const SOURCE_KINDS = ['postgres', 'duckdb'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** A data source as the API shows it: the password never leaves the server, only whether one is set. */
export interface DataSourceView {
  id: string;
  name: string;
  kind: SourceKind;
  /** postgres: the server to connect to */
  host: string | null;
  port: number | null;
  database: string | null;
  user: string | null;
  ssl: boolean;
  /** duckdb: a .duckdb file (opened read-only) or a folder of CSV / Parquet files (one view per file) */
  path: string | null;
  hasPassword: boolean;
  statementTimeoutMs: number;
  rowLimit: number;
  createdAt: string;
  updatedAt: string;
}

export interface CreateDataSourceRequest {
  name: string;
  kind: SourceKind;
  host?: string;
  port?: number;
  database?: string;
  user?: string;
  /** stored encrypted (AES-256-GCM); never returned */
  password?: string;
  ssl?: boolean;
  path?: string;
  statementTimeoutMs?: number;
  rowLimit?: number;
}
/** `password: null` removes the stored password; leaving it out keeps it. */
export type UpdateDataSourceRequest = Partial<Omit<CreateDataSourceRequest, 'kind' | 'password'>> & {
  password?: string | null;
};

/** POST /sources/:id/test: `select 1` with the source's timeout. A failure is an answer, not an error. */
export interface ConnectionTestResult {
  ok: boolean;
  /** what went wrong, in words (authentication failed, timed out …) */
  message: string;
  ms: number;
}

/** POST /sources/:id/query: a read-only preview of a query (admins shaping a monitor). */
export interface SourceQueryRequest {
  sql: string;
}
export interface SourceQueryResult {
  columns: string[];
  rows: Record<string, string | number | boolean | null>[];
  /** the row cap cut the answer */
  truncated: boolean;
  ms: number;
}

export const SEASONALITY_KINDS = ['auto', 'none', 'weekly', 'monthly', 'dayOfMonth'] as const;
export type SeasonalityKind = (typeof SEASONALITY_KINDS)[number];

export const MONITOR_RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
export type MonitorRunStatus = (typeof MONITOR_RUN_STATUSES)[number];

export interface MonitorView {
  id: string;
  artifactId: string;
  sourceId: string;
  sourceName: string;
  name: string;
  /** returns `ts`, `value` and optionally `segment` */
  sql: string;
  /** cron, UTC */
  schedule: string;
  seasonality: SeasonalityKind;
  /** 0 (only the wildest points) … 1 (every wobble) */
  sensitivity: number;
  /** a deviation smaller than this share of the expected value (0.05 = 5%) never alarms; null: the detector's 1% */
  minChange: number | null;
  /** how many of the newest points of each series are judged on each run */
  evaluateLast: number;
  active: boolean;
  nextRunAt: string | null;
  lastRun: MonitorRunView | null;
  /** the investigation opened by this monitor that is still open, if any */
  openInvestigationId: number | null;
  version: number;
  createdAt: string;
  can: { edit: boolean; run: boolean };
}

export interface CreateMonitorRequest {
  sourceId: string;
  name: string;
  sql: string;
  schedule: string;
  seasonality?: SeasonalityKind;
  sensitivity?: number;
  minChange?: number | null;
  evaluateLast?: number;
  active?: boolean;
}
export type UpdateMonitorRequest = Partial<CreateMonitorRequest> & { version?: number };

export interface MonitorRunView {
  id: string;
  monitorId: string;
  status: MonitorRunStatus;
  trigger: 'schedule' | 'manual';
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
  points: number;
  segments: number;
  anomalies: number;
  /** anomalies on dates a caveat's recurrence covers: counted, never alarmed on */
  suppressed: number;
  /** false: too little history (two seasonal periods) to judge; the monitor stays quiet */
  enoughHistory: boolean;
  historyNote: string | null;
  period: number | null;
  /** the investigation this run opened or added occurrences to */
  investigationId: number | null;
}

export interface MonitorObservationView {
  ts: string;
  segment: string;
  value: number;
  expected: number | null;
  lower: number | null;
  upper: number | null;
  anomaly: boolean;
  suppressed: boolean;
  severity: Severity | null;
}

/** GET /monitors/:id/observations: the points of the newest finished run. */
export interface MonitorObservationsView {
  monitorId: string;
  runId: string | null;
  segments: string[];
  observations: MonitorObservationView[];
  suppressed: number;
}
