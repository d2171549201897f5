import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useNavigate } from 'react-router';
import type { SearchKind, SearchResult } from '@shared/api/search';
import { errorMessage } from '../../lib/api';
import { resultPath } from './api';
import { useSearch } from './hooks';
import './palette.css';

/** Something the palette runs rather than opens. */
export interface PaletteAction {
  id: string;
  label: string;
  /** its keyboard shortcut, shown beside it */
  hint?: string;
  /** more words it is found by */
  keywords?: string;
  /** asks for a domain first when no domain's page is open */
  needsDomain?: boolean;
  run: (domainKey: string | null) => void;
}

const KIND_LABELS: Record<SearchKind, string> = {
  domain: 'Domain',
  artifact: 'Artifact',
  ticket: 'Ticket',
  investigation: 'Investigation',
  person: 'Person',
};

const DOMAINS_ONLY: readonly SearchKind[] = ['domain'];

type Option = { type: 'action'; action: PaletteAction } | { type: 'result'; result: SearchResult };

function actionMatches(action: PaletteAction, text: string): boolean {
  const haystack = `${action.label} ${action.keywords ?? ''}`.toLowerCase();
  return text
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}

interface CommandPaletteProps {
  onClose: () => void;
  actions: PaletteAction[];
  /** the domain whose page is open: actions that need a domain use it */
  currentDomainKey: string | null;
}

/**
 * Ctrl+K, ⌘K or `/`: one box that finds domains, artifacts, tickets (`RET-12`), investigations
 * (`#64`) and people as you type, and runs the common actions. An ARIA combobox: focus stays in
 * the box, the arrow keys move through the listbox below it (aria-activedescendant), Enter opens
 * or runs the highlighted option, Escape closes (or leaves the domain step).
 */
export function CommandPalette({ onClose, actions, currentDomainKey }: CommandPaletteProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const navigate = useNavigate();
  const listId = useId();
  const labelId = useId();
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  /** the action waiting for its domain to be chosen */
  const [pending, setPending] = useState<PaletteAction | null>(null);
  const results = useSearch(text, pending ? DOMAINS_ONLY : null);
  const enterQueued = useRef(false);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    inputRef.current?.focus();
    return () => {
      if (dialog.open) dialog.close();
      // back to where the person was, unless the palette took them to another page
      if (opener?.isConnected && document.activeElement === document.body) opener.focus();
    };
  }, []);

  const options = useMemo<Option[]>(() => {
    const found = text.trim() ? (results.data?.items ?? []) : [];
    if (pending) return found.map((result) => ({ type: 'result', result }));
    const matching = actions.filter((action) => actionMatches(action, text));
    return [
      ...matching.map((action): Option => ({ type: 'action', action })),
      ...found.map((result): Option => ({ type: 'result', result })),
    ];
  }, [actions, pending, results.data, text]);

  useEffect(() => setActive(0), [options]);

  const optionId = (index: number) => `${listId}-option-${index}`;

  function run(option: Option | undefined) {
    if (!option) return;
    if (option.type === 'result') {
      if (pending) {
        onClose();
        pending.run(option.result.ref);
        return;
      }
      onClose();
      void navigate(resultPath(option.result));
      return;
    }
    const { action } = option;
    if (action.needsDomain && !currentDomainKey) {
      setPending(action);
      setText('');
      inputRef.current?.focus();
      return;
    }
    onClose();
    action.run(currentDomainKey);
  }

  function handleKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!options.length) return;
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((index) => (index + step + options.length) % options.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      // typed faster than the search answers: open the first option of the answer to what was typed
      if (text.trim() && !results.settled) enterQueued.current = true;
      else run(options[active]);
    }
  }

  useEffect(() => {
    if (!enterQueued.current || !results.settled) return;
    enterQueued.current = false;
    run(options[0]);
  });

  useEffect(() => {
    document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' });
  });

  const searching = text.trim() !== '' && !results.settled;
  let status = '';
  if (results.isError) status = errorMessage(results.error);
  else if (searching) status = 'Searching…';
  else if (text.trim() && !options.length) status = pending ? 'No domain matches.' : 'Nothing matches.';
  else if (text.trim()) status = `${options.length} ${options.length === 1 ? 'option' : 'options'}`;

  const title = pending ? `${pending.label}: which domain?` : 'Search or run a command';
  return (
    <dialog
      ref={ref}
      className="palette"
      aria-labelledby={labelId}
      data-testid="command-palette"
      onCancel={(event) => {
        event.preventDefault();
        if (pending) {
          setPending(null);
          setText('');
        } else onClose();
      }}
      onClick={(event) => {
        // a click on the backdrop (the dialog element itself, outside its box) closes
        if (event.target === ref.current) onClose();
      }}
    >
      <div className="palette-box">
        <label id={labelId} htmlFor={`${listId}-input`} className="palette-label">
          {title}
        </label>
        <input
          ref={inputRef}
          id={`${listId}-input`}
          className="palette-input"
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={options.length > 0}
          aria-controls={listId}
          aria-activedescendant={options.length ? optionId(active) : undefined}
          autoComplete="off"
          spellCheck={false}
          placeholder={
            pending ? 'Type a domain’s name or key' : 'Domains, artifacts, RET-12, #64, people, or a command'
          }
          value={text}
          onChange={(event) => {
            enterQueued.current = false;
            setText(event.target.value);
          }}
          onKeyDown={handleKeyDown}
          data-testid="palette-input"
        />
        <ul id={listId} role="listbox" aria-labelledby={labelId} className="palette-list" data-testid="palette-options">
          {options.map((option, index) => {
            const selected = index === active;
            const common = {
              id: optionId(index),
              role: 'option' as const,
              'aria-selected': selected,
              className: `palette-option${selected ? ' palette-option-active' : ''}`,
              onMouseMove: () => setActive(index),
              // keep focus in the box: the option is chosen on click
              onMouseDown: (event: MouseEvent) => event.preventDefault(),
              onClick: () => run(option),
            };
            if (option.type === 'action')
              return (
                <li key={`action-${option.action.id}`} {...common} data-testid={`palette-action-${option.action.id}`}>
                  <span className="palette-kind">Action</span>
                  <span className="palette-title">{option.action.label}</span>
                  {option.action.hint ? <kbd className="palette-hint">{option.action.hint}</kbd> : null}
                </li>
              );
            const { result } = option;
            return (
              <li
                key={`${result.kind}-${result.ref}`}
                {...common}
                data-testid={`palette-result-${result.kind}-${result.ref}`}
              >
                <span className="palette-kind">{KIND_LABELS[result.kind]}</span>
                <span className="palette-title">{result.title}</span>
                <span className="palette-detail">{result.detail}</span>
              </li>
            );
          })}
        </ul>
        <p className="palette-status" role="status" data-testid="palette-status">
          {status}
        </p>
        <p className="palette-help" aria-hidden="true">
          <kbd>↑</kbd> <kbd>↓</kbd> to move, <kbd>Enter</kbd> to open, <kbd>Esc</kbd> to {pending ? 'go back' : 'close'}
        </p>
      </div>
    </dialog>
  );
}
