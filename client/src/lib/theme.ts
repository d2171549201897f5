import type { Theme } from '@shared/api/enums';

/** Where the last chosen theme is kept for public/theme.js, which applies it before first paint. */
const THEME_KEY = 'cairn.theme';

const darkQuery = () => window.matchMedia?.('(prefers-color-scheme: dark)');
let followingSystem: (() => void) | null = null;

function draw(dark: boolean) {
  document.documentElement.setAttribute('data-theme', dark ? 'dark' : 'light');
}

/**
 * Draws the app in the person's theme at once and remembers it for the next page load. "system"
 * follows the operating system, also when it switches while the page is open.
 */
export function applyTheme(theme: Theme): void {
  try {
    window.localStorage.setItem(THEME_KEY, theme);
  } catch {
    // storage unavailable: the theme still applies to this page
  }
  const query = darkQuery();
  if (followingSystem) {
    query?.removeEventListener('change', followingSystem);
    followingSystem = null;
  }
  if (theme === 'system') {
    followingSystem = () => draw(query?.matches ?? false);
    query?.addEventListener('change', followingSystem);
    draw(query?.matches ?? false);
  } else {
    draw(theme === 'dark');
  }
}
