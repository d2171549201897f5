import { NavLink } from 'react-router';
import type { CurrentUser } from '@shared/api/auth';
import { paths } from '../../paths';

/** The admin sections this user may open. */
export function AdminNav({ me }: { me: CurrentUser }) {
  return (
    <nav className="sub-nav" aria-label="Admin sections">
      {me.can.manageUsers ? <NavLink to={paths.adminUsers()}>Users</NavLink> : null}
      {me.can.manageSettings ? <NavLink to={paths.adminThresholds()}>Gate thresholds</NavLink> : null}
      {me.can.manageSettings ? <NavLink to={paths.adminRootCauses()}>Root causes</NavLink> : null}
      {me.can.readAudit ? <NavLink to={paths.adminAudit()}>Audit log</NavLink> : null}
      {me.can.manageSettings ? <NavLink to={paths.adminWebhooks()}>Webhooks</NavLink> : null}
      {me.can.manageSettings ? <NavLink to={paths.adminSources()}>Data sources</NavLink> : null}
    </nav>
  );
}
