import { useState, type FormEvent } from 'react';
import type { DomainView } from '@shared/api/domains';
import { DOMAIN_ROLES, type DomainRole } from '@shared/api/enums';
import type { UserRef } from '@shared/api/common';
import { Button } from '../../components/Button';
import { Field, FormError } from '../../components/Field';
import { QueryStates } from '../../components/States';
import { isApiError } from '../../lib/api';
import { ROLE_TITLES } from '../../lib/format';
import { UserSelect } from '../users/UserSelect';
import { useMembers, useSetMemberRoles } from './hooks';

/** Who holds which domain role; leads and admins can change it. */
export function MembersPanel({ domain, mayMutate }: { domain: DomainView; mayMutate: boolean }) {
  const members = useMembers(domain.key);
  const setRoles = useSetMemberRoles(domain.key);
  const canManage = mayMutate && domain.can.manageMembers;

  const byUser = new Map<string, { user: UserRef; roles: DomainRole[] }>();
  for (const m of members.data ?? []) {
    const entry = byUser.get(m.user.id) ?? { user: m.user, roles: [] };
    entry.roles.push(m.role);
    byUser.set(m.user.id, entry);
  }

  function toggle(userId: string, roles: DomainRole[], role: DomainRole, on: boolean) {
    const next = on ? [...roles, role] : roles.filter((r) => r !== role);
    setRoles.mutate({ userId, roles: next });
  }

  return (
    <section className="panel" aria-labelledby="members-title">
      <h2 id="members-title">Members and roles</h2>
      <p className="muted small">
        Gates name domain roles: the data science lead, the product lead and the sponsor sign them.
      </p>
      <QueryStates
        query={members}
        loadingLabel="Loading members…"
        empty={byUser.size === 0}
        emptyTitle="No members yet."
      >
        <div className="table-wrap">
          <table className="data-table" data-testid="members-table">
            <thead>
              <tr>
                <th scope="col">Person</th>
                {DOMAIN_ROLES.map((r) => (
                  <th scope="col" key={r}>
                    {ROLE_TITLES[r]}
                  </th>
                ))}
                {canManage ? <th scope="col">Actions</th> : null}
              </tr>
            </thead>
            <tbody>
              {[...byUser.values()].map(({ user, roles }) => (
                <tr key={user.id} data-testid={`member-${user.email}`}>
                  <th scope="row">
                    {user.name}
                    <div className="small muted">{user.email}</div>
                  </th>
                  {DOMAIN_ROLES.map((r) => (
                    <td key={r}>
                      {canManage ? (
                        <input
                          type="checkbox"
                          checked={roles.includes(r)}
                          onChange={(e) => toggle(user.id, roles, r, e.target.checked)}
                          aria-label={`${user.name} is ${ROLE_TITLES[r]}`}
                          disabled={setRoles.isPending}
                        />
                      ) : roles.includes(r) ? (
                        '✓'
                      ) : (
                        ''
                      )}
                    </td>
                  ))}
                  {canManage ? (
                    <td>
                      <Button
                        size="small"
                        variant="ghost"
                        onClick={() => setRoles.mutate({ userId: user.id, roles: [] })}
                        aria-label={`Remove ${user.name}`}
                      >
                        Remove
                      </Button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </QueryStates>
      {setRoles.isError ? <FormError error={setRoles.error} /> : null}
      {canManage ? <AddMemberForm domainKey={domain.key} exclude={[...byUser.keys()]} /> : null}
    </section>
  );
}

function AddMemberForm({ domainKey, exclude }: { domainKey: string; exclude: string[] }) {
  const setRoles = useSetMemberRoles(domainKey);
  const [userId, setUserId] = useState('');
  const [roles, setRolesDraft] = useState<DomainRole[]>(['contributor']);
  const error = isApiError(setRoles.error) ? setRoles.error : null;

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    if (!userId) return;
    setRoles.mutate(
      { userId, roles },
      {
        onSuccess: () => {
          setUserId('');
          setRolesDraft(['contributor']);
        },
      },
    );
  }

  return (
    <form onSubmit={handleSubmit} aria-label="Add a member" data-testid="add-member-form" style={{ marginTop: '1rem' }}>
      <h3>Add a member</h3>
      <div className="row" style={{ alignItems: 'flex-end' }}>
        <Field label="Person" error={error?.fieldError('userId')}>
          {(control) => (
            <UserSelect
              {...control}
              value={userId}
              onChange={setUserId}
              emptyLabel="Choose a person"
              exclude={exclude}
              testId="member-user"
            />
          )}
        </Field>
        <fieldset>
          <legend>Roles</legend>
          <div className="row">
            {DOMAIN_ROLES.map((r) => (
              <label key={r} className="checkbox">
                <input
                  type="checkbox"
                  checked={roles.includes(r)}
                  onChange={(e) =>
                    setRolesDraft((current) => (e.target.checked ? [...current, r] : current.filter((x) => x !== r)))
                  }
                  data-testid={`member-role-${r}`}
                />
                {ROLE_TITLES[r]}
              </label>
            ))}
          </div>
        </fieldset>
      </div>
      <FormError error={setRoles.error} handledFields={['userId']} />
      <Button
        type="submit"
        variant="primary"
        busy={setRoles.isPending}
        disabledReason={!userId ? 'Choose a person first' : !roles.length ? 'Choose at least one role' : null}
        data-testid="add-member"
      >
        Add member
      </Button>
    </form>
  );
}
