import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateDataSourceRequest, CreateMonitorRequest, UpdateMonitorRequest } from '@shared/api/monitors';
import {
  createMonitor,
  createSource,
  deleteSource,
  listMonitors,
  listRuns,
  listSources,
  monitorKeys,
  monitorObservations,
  runMonitor,
  sourceKeys,
  testSource,
  updateMonitor,
} from './api';

export function useSources(enabled = true) {
  return useQuery({ queryKey: sourceKeys.all, queryFn: listSources, enabled });
}

export function useCreateSource() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: CreateDataSourceRequest) => createSource(request),
    onSettled: () => queryClient.invalidateQueries({ queryKey: sourceKeys.all }),
  });
}

export function useDeleteSource() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => deleteSource(id),
    onSettled: () => queryClient.invalidateQueries({ queryKey: sourceKeys.all }),
  });
}

export function useTestSource() {
  return useMutation({ mutationFn: (id: string) => testSource(id) });
}

export function useMonitors(artifactId: string) {
  return useQuery({
    queryKey: monitorKeys.ofArtifact(artifactId),
    queryFn: () => listMonitors(artifactId),
    // a queued run finishes in the background: look again while one is pending
    refetchInterval: (query) =>
      query.state.data?.some((m) => m.lastRun && (m.lastRun.status === 'queued' || m.lastRun.status === 'running'))
        ? 2000
        : false,
  });
}

export function useObservations(monitorId: string, runId: string | null | undefined) {
  return useQuery({
    queryKey: [...monitorKeys.observations(monitorId), runId ?? null],
    queryFn: () => monitorObservations(monitorId),
  });
}

export function useRuns(monitorId: string, enabled: boolean) {
  return useQuery({ queryKey: monitorKeys.runs(monitorId), queryFn: () => listRuns(monitorId), enabled });
}

function useMonitorMutation<T>(fn: (variables: T) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => queryClient.invalidateQueries({ queryKey: monitorKeys.all }),
  });
}

export const useCreateMonitor = (artifactId: string) =>
  useMonitorMutation((request: CreateMonitorRequest) => createMonitor(artifactId, request));
export const useUpdateMonitor = () =>
  useMonitorMutation(({ id, request }: { id: string; request: UpdateMonitorRequest }) => updateMonitor(id, request));
export const useRunMonitor = () => useMonitorMutation((id: string) => runMonitor(id));
