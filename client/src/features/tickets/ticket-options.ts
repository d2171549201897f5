import { PHASES, TICKET_KINDS, TICKET_STATUSES, type Phase } from '@shared/api/enums';
import { isPhase } from '@shared/workflow/definition';

export { PHASES, TICKET_KINDS, TICKET_STATUSES };

export function isPhaseOrNull(stage: string): Phase | null {
  return isPhase(stage) ? stage : null;
}
