import { NavLink } from 'react-router';
import { paths } from '../../paths';

/** The sections of a person's own settings. */
export function SettingsNav() {
  return (
    <nav className="sub-nav" aria-label="Settings sections">
      <NavLink to={paths.settings()} end>
        Profile
      </NavLink>
      <NavLink to={paths.notificationSettings()}>Notifications</NavLink>
    </nav>
  );
}
