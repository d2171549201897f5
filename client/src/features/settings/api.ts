import type {
  ApiTokenView,
  CreatedToken,
  CreateTokenRequest,
  MeResponse,
  UpdateProfileRequest,
} from '@shared/api/auth';
import { api } from '../../lib/api';

export const tokensQueryKey = ['tokens'] as const;

export const updateProfile = (request: UpdateProfileRequest) => api.patch<MeResponse>('/me', request);
export const fetchTokens = () => api.get<ApiTokenView[]>('/tokens');
export const createToken = (request: CreateTokenRequest) => api.post<CreatedToken>('/tokens', request);
export const revokeToken = (id: string) => api.delete(`/tokens/${encodeURIComponent(id)}`);
