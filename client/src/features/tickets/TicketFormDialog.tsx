import { useState } from 'react';
import type { Phase, Priority, TicketKind, TicketStatus } from '@shared/api/enums';
import type { CreateTicketRequest, TicketView } from '@shared/api/tickets';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { OptionSelect } from '../../components/OptionSelect';
import { isApiError } from '../../lib/api';
import { UserSelect } from '../users/UserSelect';
import { useCreateTicket, useUpdateTicket } from './hooks';
import { KIND_OPTIONS, PHASE_OPTIONS, PRIORITY_OPTIONS, STATUS_OPTIONS } from './ticket-options';

interface TicketFormDialogProps {
  open: boolean;
  onClose: () => void;
  domainKey: string;
  /** edit this ticket; create a new one when absent */
  ticket?: TicketView;
  defaultPhase?: Phase;
  defaultKind?: TicketKind;
  onSaved?: (ticket: TicketView) => void;
  /** a follow-up ticket of this investigation */
  investigationId?: number;
  defaultTitle?: string;
}

interface TicketDraft {
  kind: TicketKind;
  title: string;
  body: string;
  phase: Phase;
  status: TicketStatus;
  priority: Priority;
  assigneeId: string;
  dueDate: string;
  labels: string;
}

function draftFrom(ticket: TicketView | undefined, phase: Phase, kind: TicketKind): TicketDraft {
  return {
    kind: ticket?.kind ?? kind,
    title: ticket?.title ?? '',
    body: ticket?.body ?? '',
    phase: ticket?.phase ?? phase,
    status: ticket?.status ?? 'open',
    priority: ticket?.priority ?? 'medium',
    assigneeId: ticket?.assignee?.id ?? '',
    dueDate: ticket?.dueDate ? ticket.dueDate.slice(0, 10) : '',
    labels: ticket?.labels.join(', ') ?? '',
  };
}

/** Creates or edits a ticket; the server's field errors appear beside their fields. */
export function TicketFormDialog(props: TicketFormDialogProps) {
  // remount the form each time it opens so it starts from the ticket's current values
  return props.open ? <TicketForm {...props} /> : null;
}

function TicketForm({
  onClose,
  domainKey,
  ticket,
  defaultPhase = 'specs',
  defaultKind = 'task',
  onSaved,
  investigationId,
  defaultTitle,
}: TicketFormDialogProps) {
  const create = useCreateTicket(domainKey);
  const update = useUpdateTicket(domainKey);
  const mutation = ticket ? update : create;
  const [draft, setDraft] = useState<TicketDraft>(() => ({
    ...draftFrom(ticket, defaultPhase, defaultKind),
    ...(ticket || !defaultTitle ? {} : { title: defaultTitle }),
  }));
  const error = isApiError(mutation.error) ? mutation.error : null;

  function set<K extends keyof TicketDraft>(key: K, value: TicketDraft[K]) {
    setDraft((d) => ({ ...d, [key]: value }));
  }

  function handleSubmit() {
    const request: CreateTicketRequest = {
      kind: draft.kind,
      title: draft.title.trim(),
      body: draft.body,
      phase: draft.phase,
      status: draft.status,
      priority: draft.priority,
      assigneeId: draft.assigneeId || null,
      dueDate: draft.dueDate || null,
      labels: draft.labels
        .split(',')
        .map((l) => l.trim())
        .filter(Boolean),
      ...(investigationId && !ticket ? { investigationId } : {}),
    };
    const options = {
      onSuccess: (saved: TicketView) => {
        onSaved?.(saved);
        onClose();
      },
    };
    if (ticket) update.mutate({ ticket, request }, options);
    else create.mutate(request, options);
  }

  const fields = ['kind', 'title', 'body', 'phase', 'status', 'priority', 'assigneeId', 'dueDate', 'labels'];
  return (
    <Dialog
      open
      wide
      title={ticket ? `Edit ${ticket.key}` : 'New ticket'}
      onClose={onClose}
      onSubmit={handleSubmit}
      submitLabel={ticket ? 'Save ticket' : 'Create ticket'}
      busy={mutation.isPending}
      error={mutation.error}
      handledFields={fields}
      testId="ticket-dialog"
    >
      <div className="field-row">
        <Field label="Kind" error={error?.fieldError('kind')} required>
          {(control) => (
            <OptionSelect
              {...control}
              value={draft.kind}
              onChange={(v) => set('kind', v)}
              options={KIND_OPTIONS}
              testId="ticket-kind"
            />
          )}
        </Field>
        <Field label="Phase" error={error?.fieldError('phase')}>
          {(control) => (
            <OptionSelect
              {...control}
              value={draft.phase}
              onChange={(v) => set('phase', v)}
              options={PHASE_OPTIONS}
              testId="ticket-phase"
            />
          )}
        </Field>
      </div>
      <Field label="Title" error={error?.fieldError('title')} required>
        {(control) => (
          <input
            {...control}
            value={draft.title}
            onChange={(e) => set('title', e.target.value)}
            data-testid="ticket-title"
            autoFocus
          />
        )}
      </Field>
      <Field label="Description" hint="Markdown is supported." error={error?.fieldError('body')}>
        {(control) => (
          <textarea
            {...control}
            value={draft.body}
            onChange={(e) => set('body', e.target.value)}
            rows={5}
            data-testid="ticket-body"
          />
        )}
      </Field>
      <div className="field-row">
        <Field label="Status" error={error?.fieldError('status')}>
          {(control) => (
            <OptionSelect
              {...control}
              value={draft.status}
              onChange={(v) => set('status', v)}
              options={STATUS_OPTIONS}
              testId="ticket-status"
            />
          )}
        </Field>
        <Field label="Priority" error={error?.fieldError('priority')}>
          {(control) => (
            <OptionSelect
              {...control}
              value={draft.priority}
              onChange={(v) => set('priority', v)}
              options={PRIORITY_OPTIONS}
              testId="ticket-priority"
            />
          )}
        </Field>
        <Field label="Assignee" error={error?.fieldError('assigneeId')}>
          {(control) => (
            <UserSelect
              {...control}
              value={draft.assigneeId}
              onChange={(v) => set('assigneeId', v)}
              emptyLabel="Unassigned"
              testId="ticket-assignee"
            />
          )}
        </Field>
        <Field label="Due date" error={error?.fieldError('dueDate')}>
          {(control) => (
            <input
              {...control}
              type="date"
              value={draft.dueDate}
              onChange={(e) => set('dueDate', e.target.value)}
              data-testid="ticket-due"
            />
          )}
        </Field>
      </div>
      <Field label="Labels" hint="Separate labels with commas." error={error?.fieldError('labels')}>
        {(control) => (
          <input
            {...control}
            value={draft.labels}
            onChange={(e) => set('labels', e.target.value)}
            data-testid="ticket-labels"
          />
        )}
      </Field>
    </Dialog>
  );
}
