import { PHASES, PRIORITIES, TICKET_KINDS, TICKET_STATUSES, type Phase } from '@shared/api/enums';
import { PHASE_INFO, isPhase } from '@shared/workflow/definition';
import { toOptions } from '../../components/OptionSelect';
import { TICKET_KIND_LABELS, TICKET_STATUS_LABELS, capitalize } from '../../lib/format';

export { PHASES, TICKET_KINDS, TICKET_STATUSES };

export const PHASE_OPTIONS = toOptions(PHASES, (p) => PHASE_INFO[p].label);
export const STATUS_OPTIONS = toOptions(TICKET_STATUSES, (s) => TICKET_STATUS_LABELS[s]);
export const KIND_OPTIONS = toOptions(TICKET_KINDS, (k) => TICKET_KIND_LABELS[k]);
export const PRIORITY_OPTIONS = toOptions(PRIORITIES, capitalize);

export function isPhaseOrNull(stage: string): Phase | null {
  return isPhase(stage) ? stage : null;
}
