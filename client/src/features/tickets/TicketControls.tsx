import type { TicketStatus } from '@shared/api/enums';
import type { TicketView } from '@shared/api/tickets';
import { OptionSelect } from '../../components/OptionSelect';
import { errorMessage } from '../../lib/api';
import { UserSelect } from '../users/UserSelect';
import { useUpdateTicket } from './hooks';
import { STATUS_OPTIONS } from './ticket-options';

interface TicketControlsProps {
  ticket: TicketView;
  /** false for read-only users: the controls are not shown */
  mayMutate: boolean;
}

/** Inline status and assignee pickers; the change shows at once and rolls back if refused. */
export function TicketControls({ ticket, mayMutate }: TicketControlsProps) {
  const update = useUpdateTicket(ticket.domainKey);
  if (!mayMutate) return null;
  const reason = ticket.can.edit ? undefined : 'You cannot edit this ticket';

  function changeStatus(status: TicketStatus) {
    update.mutate({ ticket, request: { status }, optimistic: { status } });
  }

  function changeAssignee(userId: string) {
    update.mutate({
      ticket,
      request: { assigneeId: userId || null },
      optimistic: { assignee: userId ? { id: userId, name: '…', email: '' } : null },
    });
  }

  return (
    <span className="ticket-row-controls">
      <OptionSelect
        aria-label={`Status of ${ticket.key}`}
        value={ticket.status}
        onChange={changeStatus}
        options={STATUS_OPTIONS}
        disabled={!ticket.can.edit}
        title={reason}
        testId={`ticket-status-${ticket.key}`}
      />
      <UserSelect
        aria-label={`Assignee of ${ticket.key}`}
        value={ticket.assignee?.id ?? ''}
        onChange={changeAssignee}
        emptyLabel="Unassigned"
        disabled={!ticket.can.edit}
        title={reason}
        testId={`ticket-assignee-${ticket.key}`}
      />
      {update.isError ? (
        <span className="field-error" role="alert">
          {errorMessage(update.error)}
        </span>
      ) : null}
    </span>
  );
}
