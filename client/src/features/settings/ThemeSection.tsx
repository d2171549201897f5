import type { CurrentUser } from '@shared/api/auth';
import { THEMES, type Theme } from '@shared/api/enums';
import { FormError } from '../../components/Field';
import { applyTheme } from '../../lib/theme';
import { useUpdateProfile } from './hooks';

const THEME_LABELS: Record<Theme, { label: string; hint: string }> = {
  light: { label: 'Light', hint: 'Dark text on light backgrounds.' },
  dark: { label: 'Dark', hint: 'Light text on dark backgrounds, easier on the eyes at night.' },
  system: { label: 'System', hint: 'Follows your operating system, also when it switches.' },
};

/** Light, dark or system: applied as soon as it is chosen, and kept for every browser you sign in on. */
export function ThemeSection({ me }: { me: CurrentUser }) {
  const update = useUpdateProfile();
  const chosen = update.isPending && update.variables.theme ? update.variables.theme : me.theme;

  function handleChoose(theme: Theme) {
    applyTheme(theme);
    update.mutate({ theme }, { onError: () => applyTheme(me.theme) });
  }

  return (
    <section className="panel" aria-labelledby="theme-title">
      <h2 id="theme-title">Theme</h2>
      <fieldset className="choice-group" data-testid="theme-choice">
        <legend className="visually-hidden">Theme</legend>
        {THEMES.map((theme) => (
          <label key={theme} className="choice">
            <input
              type="radio"
              name="theme"
              value={theme}
              checked={chosen === theme}
              onChange={() => handleChoose(theme)}
              data-testid={`theme-${theme}`}
            />
            <span>
              <strong>{THEME_LABELS[theme].label}</strong>
              <span className="muted"> — {THEME_LABELS[theme].hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <FormError error={update.error} />
    </section>
  );
}
