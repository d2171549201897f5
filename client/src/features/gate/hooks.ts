import { useMutation, useQuery } from '@tanstack/react-query';
import type {
  AcknowledgeRiskRequest,
  ReasonRequest,
  ReconfirmRequest,
  RecycleRequest,
  SignOffRequest,
  WaiverRequest,
} from '@shared/api/domains';
import { useInvalidateDomain } from '../domains/hooks';
import {
  acknowledgeRisk,
  advance,
  gateKeys,
  getGate,
  hold,
  reconfirm,
  recycle,
  resume,
  signOff,
  waive,
  withdrawSignOff,
} from './api';

export function useGate(key: string) {
  return useQuery({ queryKey: gateKeys.gate(key), queryFn: () => getGate(key) });
}

export function useSignOff(key: string) {
  const invalidate = useInvalidateDomain(key);
  return useMutation({ mutationFn: (request: SignOffRequest) => signOff(key, request), onSettled: invalidate });
}

export function useWithdrawSignOff(key: string) {
  const invalidate = useInvalidateDomain(key);
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) => withdrawSignOff(key, id, reason),
    onSettled: invalidate,
  });
}

export function useAdvance(key: string) {
  const invalidate = useInvalidateDomain(key);
  return useMutation({ mutationFn: () => advance(key), onSettled: invalidate });
}

export function useRecycle(key: string) {
  const invalidate = useInvalidateDomain(key);
  return useMutation({ mutationFn: (request: RecycleRequest) => recycle(key, request), onSettled: invalidate });
}

export function useHold(key: string) {
  const invalidate = useInvalidateDomain(key);
  return useMutation({ mutationFn: (request: ReasonRequest) => hold(key, request), onSettled: invalidate });
}

export function useAcknowledgeRisk(key: string) {
  const invalidate = useInvalidateDomain(key);
  return useMutation({
    mutationFn: (request: AcknowledgeRiskRequest) => acknowledgeRisk(key, request),
    onSettled: invalidate,
  });
}

export function useReconfirm(key: string) {
  const invalidate = useInvalidateDomain(key);
  return useMutation({ mutationFn: (request: ReconfirmRequest) => reconfirm(key, request), onSettled: invalidate });
}

export function useResume(key: string) {
  const invalidate = useInvalidateDomain(key);
  return useMutation({ mutationFn: (request: ReasonRequest) => resume(key, request), onSettled: invalidate });
}

export function useWaive(key: string) {
  const invalidate = useInvalidateDomain(key);
  return useMutation({ mutationFn: (request: WaiverRequest) => waive(key, request), onSettled: invalidate });
}
