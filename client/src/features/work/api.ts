import type { MyWorkView } from '@shared/api/me';
import { api } from '../../lib/api';

export const workKeys = { mine: ['work', 'mine'] as const };

export const getMyWork = () => api.get<MyWorkView>('/me/work');
