import { useState } from 'react';
import { GLOBAL_ROLES, type GlobalRole } from '@shared/api/enums';
import type { UserView } from '@shared/api/auth';
import { Badge } from '../components/Badge';
import { Button } from '../components/Button';
import { Dialog } from '../components/Dialog';
import { Field, FormError } from '../components/Field';
import { Forbidden } from '../components/Forbidden';
import { OptionSelect, toOptions } from '../components/OptionSelect';
import { SearchInput } from '../components/SearchInput';
import { QueryStates } from '../components/States';
import { AdminNav } from '../features/admin/AdminNav';
import { useMe } from '../features/auth/hooks';
import { useCreateUser, useUpdateUser, useUsers } from '../features/users/hooks';
import { isApiError } from '../lib/api';
import { GLOBAL_ROLE_LABELS, formatDate } from '../lib/format';
import { useDocumentTitle } from '../lib/use-document-title';

const ROLE_OPTIONS = toOptions(GLOBAL_ROLES, (r) => GLOBAL_ROLE_LABELS[r]);

export function AdminUsersPage() {
  useDocumentTitle('Users');
  const me = useMe();
  const [q, setQ] = useState('');
  const users = useUsers(q);
  const items = users.data?.items ?? [];
  const update = useUpdateUser();
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<UserView | null>(null);

  if (!me.can.manageUsers) return <Forbidden what="manage users" />;
  return (
    <>
      <h1>Admin</h1>
      <AdminNav me={me} />
      <section className="panel" aria-labelledby="users-title">
        <div className="panel-title">
          <h2 id="users-title">Users</h2>
          <Button variant="primary" onClick={() => setCreating(true)} data-testid="new-user">
            New user
          </Button>
        </div>
        <div className="filters">
          <SearchInput value={q} onChange={setQ} label="Search users" testId="users-filter-q" />
        </div>
        {update.isError ? <FormError error={update.error} /> : null}
        <QueryStates query={users} empty={items.length === 0} emptyTitle="No user matches.">
          <div className="table-wrap">
            <table className="data-table" data-testid="users-table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Role</th>
                  <th scope="col">Status</th>
                  <th scope="col">Since</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {items.map((u) => (
                  <tr key={u.id} data-testid={`user-row-${u.email}`}>
                    <th scope="row">{u.name}</th>
                    <td>{u.email}</td>
                    <td>
                      <OptionSelect
                        aria-label={`Role of ${u.name}`}
                        value={u.role}
                        onChange={(role) => update.mutate({ id: u.id, request: { role } })}
                        options={ROLE_OPTIONS}
                        disabled={u.id === me.id}
                        title={u.id === me.id ? 'You cannot change your own role' : undefined}
                      />
                    </td>
                    <td>{u.active ? <Badge tone="success">Active</Badge> : <Badge tone="muted">Deactivated</Badge>}</td>
                    <td className="nowrap">{formatDate(u.createdAt)}</td>
                    <td className="row">
                      <Button
                        size="small"
                        onClick={() => update.mutate({ id: u.id, request: { active: !u.active } })}
                        disabledReason={u.id === me.id ? 'You cannot deactivate yourself' : null}
                        aria-label={`${u.active ? 'Deactivate' : 'Reactivate'} ${u.name}`}
                      >
                        {u.active ? 'Deactivate' : 'Reactivate'}
                      </Button>
                      <Button
                        size="small"
                        variant="ghost"
                        onClick={() => setResetting(u)}
                        aria-label={`Set password of ${u.name}`}
                      >
                        Set password
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </QueryStates>
      </section>
      {creating ? <CreateUserDialog onClose={() => setCreating(false)} /> : null}
      {resetting ? <PasswordDialog user={resetting} onClose={() => setResetting(null)} /> : null}
    </>
  );
}

function CreateUserDialog({ onClose }: { onClose: () => void }) {
  const create = useCreateUser();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<GlobalRole>('member');
  const error = isApiError(create.error) ? create.error : null;
  return (
    <Dialog
      open
      title="New user"
      onClose={onClose}
      onSubmit={() => create.mutate({ email: email.trim(), name: name.trim(), password, role }, { onSuccess: onClose })}
      submitLabel="Create user"
      busy={create.isPending}
      error={create.error}
      handledFields={['email', 'name', 'password', 'role']}
      testId="create-user-dialog"
    >
      <Field label="Name" error={error?.fieldError('name')} required>
        {(control) => (
          <input
            {...control}
            value={name}
            onChange={(e) => setName(e.target.value)}
            data-testid="user-name"
            autoFocus
          />
        )}
      </Field>
      <Field label="Email" error={error?.fieldError('email')} required>
        {(control) => (
          <input
            {...control}
            type="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            data-testid="user-email"
          />
        )}
      </Field>
      <Field label="Password" error={error?.fieldError('password')} required>
        {(control) => (
          <input
            {...control}
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            data-testid="user-password"
          />
        )}
      </Field>
      <Field label="Role" error={error?.fieldError('role')}>
        {(control) => (
          <OptionSelect {...control} value={role} onChange={setRole} options={ROLE_OPTIONS} testId="user-role" />
        )}
      </Field>
    </Dialog>
  );
}

function PasswordDialog({ user, onClose }: { user: UserView; onClose: () => void }) {
  const update = useUpdateUser();
  const [password, setPassword] = useState('');
  const error = isApiError(update.error) ? update.error : null;
  return (
    <Dialog
      open
      title={`Set the password of ${user.name}`}
      onClose={onClose}
      onSubmit={() => update.mutate({ id: user.id, request: { password } }, { onSuccess: onClose })}
      submitLabel="Set password"
      busy={update.isPending}
      error={update.error}
      handledFields={['password']}
    >
      <Field
        label="New password"
        error={error?.fieldError('password')}
        hint="Their sessions end and their API tokens are revoked."
        required
      >
        {(control) => (
          <input
            {...control}
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoFocus
          />
        )}
      </Field>
    </Dialog>
  );
}
