export interface AuditEventView {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string;
  domainKey: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
}
