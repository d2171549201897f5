import type {
  ConnectionTestResult,
  CreateDataSourceRequest,
  CreateMonitorRequest,
  DataSourceView,
  MonitorObservationsView,
  MonitorRunView,
  MonitorView,
  UpdateMonitorRequest,
} from '@shared/api/monitors';
import { api } from '../../lib/api';

export const sourceKeys = { all: ['sources'] as const };
export const monitorKeys = {
  all: ['monitors'] as const,
  ofArtifact: (artifactId: string) => ['monitors', 'artifact', artifactId] as const,
  observations: (id: string) => ['monitors', 'observations', id] as const,
  runs: (id: string) => ['monitors', 'runs', id] as const,
};

export const listSources = () => api.get<DataSourceView[]>('/sources');
export const createSource = (request: CreateDataSourceRequest) => api.post<DataSourceView>('/sources', request);
export const deleteSource = (id: string) => api.delete(`/sources/${encodeURIComponent(id)}`);
export const testSource = (id: string) => api.post<ConnectionTestResult>(`/sources/${encodeURIComponent(id)}/test`);

export const listMonitors = (artifactId: string) =>
  api.get<MonitorView[]>(`/artifacts/${encodeURIComponent(artifactId)}/monitors`);
export const createMonitor = (artifactId: string, request: CreateMonitorRequest) =>
  api.post<MonitorView>(`/artifacts/${encodeURIComponent(artifactId)}/monitors`, request);
export const updateMonitor = (id: string, request: UpdateMonitorRequest) =>
  api.patch<MonitorView>(`/monitors/${encodeURIComponent(id)}`, request);
export const runMonitor = (id: string) => api.post<MonitorRunView>(`/monitors/${encodeURIComponent(id)}/run`);
export const listRuns = (id: string) => api.get<MonitorRunView[]>(`/monitors/${encodeURIComponent(id)}/runs`);
export const monitorObservations = (id: string) =>
  api.get<MonitorObservationsView>(`/monitors/${encodeURIComponent(id)}/observations`);
