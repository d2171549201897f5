import { Fragment } from 'react';
import { Dialog } from '../../components/Dialog';
import { SHORTCUTS } from './shortcuts';

/** `?`: every keyboard shortcut, from the same list the key handler implements. */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  return (
    <Dialog open title="Keyboard shortcuts" onClose={onClose} testId="shortcuts-dialog">
      <p className="muted small">
        Letters work when you are not typing in a field. Letters one after the other (<kbd>g</kbd> then <kbd>b</kbd>)
        are pressed within a second and a half.
      </p>
      <dl className="shortcut-list">
        {SHORTCUTS.map((shortcut) => (
          <Fragment key={shortcut.keys.join(' ')}>
            <dt className="shortcut-keys">
              {shortcut.keys.map((key, index) => (
                <Fragment key={key}>
                  {index > 0 ? (shortcut.chord ? ' + ' : ' then ') : null}
                  <kbd>{key}</kbd>
                </Fragment>
              ))}
            </dt>
            <dd>{shortcut.description}</dd>
          </Fragment>
        ))}
      </dl>
    </Dialog>
  );
}
