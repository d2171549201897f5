import type { ReactNode } from 'react';
import { Button } from './Button';
import { OptionSelect, type SelectOption } from './OptionSelect';

interface FilterBarProps {
  /** names the search landmark, e.g. "Filter tickets" */
  label: string;
  /** whether any filter is set, which offers "Clear filters" */
  active: boolean;
  onClear: () => void;
  /** how many items match, announced as it changes; nothing while unknown */
  count?: string;
  countTestId?: string;
  children: ReactNode;
}

/** A row of filters over a list, with "Clear filters" and the live count of what matches. */
export function FilterBar({ label, active, onClear, count, countTestId, children }: FilterBarProps) {
  return (
    <div className="filters" role="search" aria-label={label}>
      {children}
      {active ? (
        <Button size="small" variant="ghost" onClick={onClear}>
          Clear filters
        </Button>
      ) : null}
      {count !== undefined ? (
        <span className="muted small" aria-live="polite" data-testid={countTestId}>
          {count}
        </span>
      ) : null}
    </div>
  );
}

interface FilterCheckboxProps {
  label: string;
  /** the filter's value in the URL: 'true' when checked, empty otherwise */
  value: string;
  onChange: (value: string) => void;
  testId: string;
}

/** A yes-or-nothing filter, e.g. "Overdue only". */
export function FilterCheckbox({ label, value, onChange, testId }: FilterCheckboxProps) {
  return (
    <label className="checkbox">
      <input
        type="checkbox"
        checked={value === 'true'}
        onChange={(e) => onChange(e.target.checked ? 'true' : '')}
        data-testid={testId}
      />
      {label}
    </label>
  );
}

interface FilterSelectProps {
  label: string;
  /** the empty choice; "Any <label>" when left out */
  anyLabel?: string;
  value: string;
  onChange: (value: string) => void;
  options: readonly SelectOption[];
  testId: string;
}

/** A filter that picks one of a few options, or any. */
export function FilterSelect({ label, anyLabel = `Any ${label.toLowerCase()}`, ...rest }: FilterSelectProps) {
  return <OptionSelect aria-label={label} emptyLabel={anyLabel} {...rest} />;
}
