import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import type { ChangePasswordRequest } from '@shared/api/auth';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { api, isApiError } from '../../lib/api';

function changePassword(request: ChangePasswordRequest): Promise<void> {
  return api.post<void>('/auth/password', request);
}

/** The signed-in user's own password: this browser stays signed in, every other session and API token ends. */
export function ChangePasswordDialog({ onClose, onChanged }: { onClose: () => void; onChanged: () => void }) {
  const change = useMutation({ mutationFn: changePassword });
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const error = isApiError(change.error) ? change.error : null;
  return (
    <Dialog
      open
      title="Change your password"
      onClose={onClose}
      onSubmit={() => change.mutate({ currentPassword, newPassword }, { onSuccess: onChanged })}
      submitLabel="Change password"
      busy={change.isPending}
      error={change.error}
      handledFields={['currentPassword', 'newPassword']}
      testId="change-password"
    >
      <Field label="Current password" error={error?.fieldError('currentPassword')} required>
        {(control) => (
          <input
            {...control}
            type="password"
            autoComplete="current-password"
            value={currentPassword}
            onChange={(e) => setCurrentPassword(e.target.value)}
            autoFocus
          />
        )}
      </Field>
      <Field
        label="New password"
        error={error?.fieldError('newPassword')}
        hint="At least 12 characters and hard to guess: a few unrelated words work well. Your other sessions and your API tokens end."
        required
      >
        {(control) => (
          <input
            {...control}
            type="password"
            autoComplete="new-password"
            value={newPassword}
            onChange={(e) => setNewPassword(e.target.value)}
          />
        )}
      </Field>
    </Dialog>
  );
}
