import { Suspense, useEffect } from 'react';
import { NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import type { CurrentUser } from '@shared/api/auth';
import { Button } from '../../components/Button';
import { ErrorState, Loading } from '../../components/States';
import { LoginPage } from '../../pages/LoginPage';
import { GLOBAL_ROLE_LABELS, setDisplayTimeZone } from '../../lib/format';
import { applyTheme } from '../../lib/theme';
import { paths } from '../../paths';
import { useCurrentUserQuery, useLogout } from './hooks';
import { PendingReviewCount } from '../reviews/PendingReviewCount';
import { InboxBell } from '../inbox/InboxBell';
import { CommandHost } from '../shortcuts/CommandHost';

/** Signed out: the login page at whatever URL was asked for. Signed in: the layout and its page. */
export function AppShell() {
  const me = useCurrentUserQuery();
  if (me.isPending) return <Loading label="Starting Cairn…" />;
  if (me.isError) return <ErrorState error={me.error} title="Cairn could not start" onRetry={() => me.refetch()} />;
  if (!me.data) return <LoginPage />;
  return <SignedInLayout user={me.data} />;
}

function SignedInLayout({ user }: { user: CurrentUser }) {
  const logout = useLogout();
  const navigate = useNavigate();
  const location = useLocation();
  const isAdminArea = user.can.manageUsers || user.can.manageSettings || user.can.readAudit;
  // Before the page renders: every date below is formatted in the person's time zone.
  setDisplayTimeZone(user.timeZone);
  useEffect(() => applyTheme(user.theme), [user.theme]);

  function handleLogout() {
    logout.mutate(undefined, { onSettled: () => navigate(paths.portfolio()) });
  }

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <NavLink to={paths.portfolio()} className="brand" aria-label="Cairn home">
          <span className="brand-mark" aria-hidden="true">
            ◓
          </span>
          Cairn
        </NavLink>
        <nav aria-label="Main" className="app-nav">
          <NavLink to={paths.portfolio()} end>
            Portfolio
          </NavLink>
          <NavLink to={paths.catalog()}>Catalog</NavLink>
          <NavLink to={paths.weirdness()}>Weirdness log</NavLink>
          <NavLink to={paths.insights()}>Insights</NavLink>
          <NavLink to={paths.reviews()}>
            Reviews <PendingReviewCount />
          </NavLink>
          <NavLink to={paths.myWork()}>My work</NavLink>
          <NavLink to={paths.inbox()}>
            <InboxBell />
          </NavLink>
          {isAdminArea ? (
            <NavLink
              to={
                user.can.manageUsers
                  ? paths.adminUsers()
                  : user.can.manageSettings
                    ? paths.adminThresholds()
                    : paths.adminAudit()
              }
              className={({ isActive }) => (isActive || location.pathname.startsWith('/admin') ? 'active' : '')}
            >
              Admin
            </NavLink>
          ) : null}
        </nav>
        <div className="app-user">
          <span className="app-user-name" data-testid="current-user">
            {user.name} <span className="muted">({GLOBAL_ROLE_LABELS[user.role]})</span>
          </span>
          <NavLink to={paths.settings()} className="btn btn-secondary btn-small" data-testid="settings-link">
            Settings
          </NavLink>
          <Button size="small" onClick={handleLogout} busy={logout.isPending} data-testid="logout">
            Sign out
          </Button>
        </div>
      </header>
      <CommandHost />
      <main id="main" className="app-main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
