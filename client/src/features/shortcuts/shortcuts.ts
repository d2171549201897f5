import { paths } from '../../paths';

/** One keyboard shortcut as the `?` dialog lists it. */
export interface Shortcut {
  /** the keys in order: pressed together when `chord`, one after the other otherwise */
  keys: string[];
  chord?: boolean;
  description: string;
}

/** `g` then a letter: where it goes. The palette offers the same places with these hints. */
export const GO_TO: { key: string; label: string; path: () => string }[] = [
  { key: 'b', label: 'Go to the board', path: paths.portfolio },
  { key: 'i', label: 'Go to the inbox', path: paths.inbox },
  { key: 'r', label: 'Go to reviews', path: paths.reviews },
  { key: 'c', label: 'Go to the catalog', path: paths.catalog },
  { key: 'w', label: 'Go to the weirdness log', path: paths.weirdness },
  { key: 'm', label: 'Go to my work', path: paths.myWork },
  { key: 'n', label: 'Go to insights', path: paths.insights },
];

/** Every shortcut, as data: the `?` dialog lists these and the key handler implements them. */
export const SHORTCUTS: Shortcut[] = [
  { keys: ['Ctrl', 'K'], chord: true, description: 'Open the command palette (⌘ K on a Mac), also while typing' },
  { keys: ['/'], description: 'Search: open the command palette' },
  { keys: ['?'], description: 'Show these shortcuts' },
  ...GO_TO.map((place) => ({ keys: ['g', place.key], description: place.label })),
  { keys: ['c'], description: 'New ticket, on a domain’s page' },
  { keys: ['Esc'], description: 'Close the palette or a dialog' },
];

/** The domain whose page (or ticket) is open, from the URL; null elsewhere. */
export function domainKeyOf(pathname: string): string | null {
  const domain = /^\/domains\/([^/]+)/.exec(pathname);
  if (domain) return decodeURIComponent(domain[1]).toUpperCase();
  const ticket = /^\/tickets\/([A-Za-z][A-Za-z0-9]*)-\d+/.exec(pathname);
  return ticket ? ticket[1].toUpperCase() : null;
}

/** Whether a key press is someone typing: in a field, a select or editable text. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement)
    return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file'].includes(target.type);
  return target.getAttribute('role') === 'combobox' || target.getAttribute('role') === 'textbox';
}
