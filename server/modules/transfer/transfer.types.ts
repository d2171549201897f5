import type { EXPORT_FORMAT } from './transfer.schema';

export type Row = Record<string, unknown>;

/** A domain export as the import reads it, after the schema check (see transfer.schema.ts). */
export interface DomainExport {
  format: typeof EXPORT_FORMAT;
  version: number;
  exportedAt: string;
  /** the Cairn that wrote the file; absent in files of version 1 */
  source?: { instance: string };
  /** false when the events' before and after values were left out for a reader who is not an admin */
  auditDiffs?: boolean;
  domain: Row;
  users: Row[];
  members: Row[];
  tickets: Row[];
  comments: Row[];
  artifacts: Row[];
  caveats: Row[];
  investigations: Row[];
  signOffs: Row[];
  waivers: Row[];
  events: Row[];
  importedHistory?: ImportedRecordRow[];
}

export type ImportedKind = 'signOff' | 'waiver' | 'event';

/** A sign-off, waiver or audit event another Cairn recorded, kept here as history only. */
export interface ImportedRecordRow {
  kind: ImportedKind;
  sourceInstance: string;
  importedAt: string;
  occurredAt: string;
  /** whom the record names (signer, waiver author, actor), as the source knew them */
  person: { email: string; name: string } | null;
  record: Row;
}
