import type { AuditEventView } from '@shared/api/audit';
import type { SeverityWeights } from '@shared/api/confidence';
import type { Page } from '@shared/api/common';
import type { RootCauseView } from '@shared/api/investigations';
import type { GateThresholds } from '@shared/workflow/types';
import { api } from '../../lib/api';

export interface AuditFilters {
  actor?: string;
  entityType?: string;
  action?: string;
  from?: string;
  to?: string;
}

export const adminKeys = {
  thresholds: ['settings', 'thresholds'] as const,
  severityWeights: ['settings', 'severity-weights'] as const,
  audit: (filters: AuditFilters) => ['audit', filters] as const,
};

export const getSeverityWeights = () => api.get<SeverityWeights>('/settings/severity-weights');
export const putSeverityWeights = (weights: SeverityWeights) =>
  api.put<SeverityWeights>('/settings/severity-weights', weights);
export const getThresholds = () => api.get<GateThresholds>('/settings/thresholds');
export const putThresholds = (thresholds: GateThresholds) =>
  api.put<GateThresholds>('/settings/thresholds', thresholds);

export const createRootCause = (request: { key: string; label: string }) =>
  api.post<RootCauseView>('/root-causes', request);
export const updateRootCause = (key: string, request: { label?: string; retired?: boolean }) =>
  api.patch<RootCauseView>(`/root-causes/${encodeURIComponent(key)}`, request);

export const listAudit = (filters: AuditFilters, cursor: string | null) =>
  api.get<Page<AuditEventView>>('/audit', { ...filters, limit: 50, cursor });
