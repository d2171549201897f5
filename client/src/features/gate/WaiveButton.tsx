import { useState } from 'react';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { isApiError } from '../../lib/api';
import { useWaive } from './hooks';

/** Lets an admin waive a failing criterion for this domain, with the reason recorded. */
export function WaiveButton({ domainKey, criterion, label }: { domainKey: string; criterion: string; label: string }) {
  const waive = useWaive(domainKey);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const error = isApiError(waive.error) ? waive.error : null;

  function handleClose() {
    waive.reset();
    setOpen(false);
  }

  return (
    <>
      <Button size="small" variant="ghost" onClick={() => setOpen(true)} data-testid={`waive-${criterion}`}>
        Waive…
      </Button>
      <Dialog
        open={open}
        title={`Waive “${label}”`}
        onClose={handleClose}
        onSubmit={() =>
          waive.mutate(
            { criterion, reason: reason.trim() },
            {
              onSuccess: () => {
                setReason('');
                setOpen(false);
              },
            },
          )
        }
        submitLabel="Waive criterion"
        busy={waive.isPending}
        error={waive.error}
        handledFields={['reason', 'criterion']}
        testId="waive-dialog"
      >
        <p>The criterion will count as passed for this domain's gate. The reason is recorded in the audit log.</p>
        <Field label="Reason" error={error?.fieldError('reason') ?? error?.fieldError('criterion')} required>
          {(control) => (
            <textarea
              {...control}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              data-testid="waive-reason"
            />
          )}
        </Field>
      </Dialog>
    </>
  );
}
