import type { DbtSelector, DbtStatusView, DbtSyncResult, PutDbtSelectorRequest } from '@shared/api/dbt';
import { api } from '../../lib/api';

const base = (domainKey: string) => `/domains/${encodeURIComponent(domainKey)}/dbt`;

export const dbtKeys = {
  status: (domainKey: string) => ['dbt', domainKey] as const,
};

export const getDbtStatus = (domainKey: string) => api.get<DbtStatusView>(base(domainKey));
export const putDbtSelector = (domainKey: string, request: PutDbtSelectorRequest) =>
  api.put<DbtSelector>(`${base(domainKey)}/selector`, request);
/** The manifest goes as the file's own text, so the server can say what is wrong with it. */
export const syncDbt = (domainKey: string, manifest: string, options: { dryRun: boolean; planHash?: string }) =>
  api.postFile<DbtSyncResult>(`${base(domainKey)}/sync`, manifest, {
    dryRun: options.dryRun ? 'true' : undefined,
    planHash: options.planHash,
  });
