import type { DomainRole } from '../../../shared/api/enums';
import { isPhase } from '../../../shared/workflow/definition';
import { signableRoles } from '../domains/domain-access';
import { heldRoles, roleApproved, rolesFilledBy, type GateState } from './gate-state';

/** One role of the current gate that waits for a person's sign-off. */
export interface WaitingRole {
  role: DomainRole;
  /** their own decision in it went stale (they are asked again) */
  stale: boolean;
}

/**
 * The roles of the current gate waiting for `userId`: roles they may sign whose sign-off by them is
 * missing or stale, and that no other holder has filled. The Reviews page and the inbox both read
 * this, so what one shows as waiting the other has asked for.
 */
export function waitingRoles(state: GateState, userId: string): WaitingRole[] {
  if (!isPhase(state.domain.stage)) return [];
  const roles = signableRoles(heldRoles(state, userId), state.evaluation.requiredRoles, rolesFilledBy(state, userId));
  const waiting: WaitingRole[] = [];
  for (const role of roles) {
    const mine = state.decisions.find((d) => d.record.role === role && d.record.userId === userId);
    if (mine && !mine.stale) continue;
    if (!mine && roleApproved(state, role)) continue;
    waiting.push({ role, stale: !!mine });
  }
  return waiting;
}
