import type {
  AcknowledgeRiskRequest,
  DomainView,
  ReconfirmRequest,
  GateView,
  ReasonRequest,
  RecycleRequest,
  SignOffRequest,
  SignOffView,
  WaiverRequest,
} from '@shared/api/domains';
import { api } from '../../lib/api';

const base = (key: string) => `/domains/${encodeURIComponent(key)}`;

export const gateKeys = {
  gate: (key: string) => ['gate', key] as const,
};

export const getGate = (key: string) => api.get<GateView>(`${base(key)}/gate`);
export const signOff = (key: string, request: SignOffRequest) =>
  api.post<SignOffView>(`${base(key)}/signoffs`, request);
export const withdrawSignOff = (key: string, id: string, reason: string) =>
  api.post<SignOffView>(`${base(key)}/signoffs/${id}/withdraw`, { reason });
export const advance = (key: string) => api.post<DomainView>(`${base(key)}/advance`);
export const recycle = (key: string, request: RecycleRequest) => api.post<DomainView>(`${base(key)}/recycle`, request);
export const acknowledgeRisk = (key: string, request: AcknowledgeRiskRequest) =>
  api.post<DomainView>(`${base(key)}/risk/acknowledge`, request);
export const reconfirm = (key: string, request: ReconfirmRequest) =>
  api.post<DomainView>(`${base(key)}/reconfirm`, request);
export const hold = (key: string, request: ReasonRequest) => api.post<DomainView>(`${base(key)}/hold`, request);
export const resume = (key: string, request: ReasonRequest) => api.post<DomainView>(`${base(key)}/resume`, request);
export const waive = (key: string, request: WaiverRequest) => api.post<unknown>(`${base(key)}/waivers`, request);
