import { useState } from 'react';
import { Button } from '../../components/Button';
import { ChangePasswordDialog } from '../auth/ChangePasswordDialog';

/** The person's own password (POST /auth/password): this browser stays signed in. */
export function PasswordSection() {
  const [changing, setChanging] = useState(false);
  const [changed, setChanged] = useState(false);
  return (
    <section className="panel" aria-labelledby="password-title">
      <h2 id="password-title">Password</h2>
      <p className="muted">Changing it signs out your other sessions and revokes your API tokens.</p>
      {changed ? (
        <p className="notice notice-success" role="status" data-testid="password-notice">
          Your password is changed. Your other sessions and your API tokens have ended.
        </p>
      ) : null}
      <Button onClick={() => setChanging(true)} data-testid="change-password-open">
        Change password
      </Button>
      {changing ? (
        <ChangePasswordDialog
          onClose={() => setChanging(false)}
          onChanged={() => {
            setChanging(false);
            setChanged(true);
          }}
        />
      ) : null}
    </section>
  );
}
