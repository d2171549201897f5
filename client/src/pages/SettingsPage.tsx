import { useMe } from '../features/auth/hooks';
import { PasswordSection } from '../features/settings/PasswordSection';
import { ProfileSection } from '../features/settings/ProfileSection';
import { SettingsNav } from '../features/settings/SettingsNav';
import { ThemeSection } from '../features/settings/ThemeSection';
import { TokensSection } from '../features/settings/TokensSection';
import { useDocumentTitle } from '../lib/use-document-title';

/** A person's own settings: profile and time zone, theme, password, API tokens. */
export function SettingsPage() {
  useDocumentTitle('Settings');
  const me = useMe();
  return (
    <>
      <h1>Your settings</h1>
      <SettingsNav />
      <p className="muted">Signed in as {me.email}. These settings are yours alone and follow you to every browser.</p>
      <ProfileSection me={me} />
      <ThemeSection me={me} />
      {me.can.changePassword ? <PasswordSection /> : null}
      <TokensSection />
    </>
  );
}
