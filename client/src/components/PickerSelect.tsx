import { useState, type SelectHTMLAttributes } from 'react';
import type { Page } from '@shared/api/common';
import { useDebouncedValue } from '../lib/use-debounced-value';

export interface PickerOption {
  value: string;
  label: string;
}

/** What a picker needs of a list query (a TanStack query of one page). */
export interface PickerQuery<T> {
  data?: Page<T>;
  isPending: boolean;
}

interface PickerSelectProps<T> extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'onChange' | 'value'> {
  value: string;
  onChange: (value: string) => void;
  /** the server's first page of matches for the (debounced) search text */
  useItems: (search: string) => PickerQuery<T>;
  /** null leaves the item out */
  toOption: (item: T) => PickerOption | null;
  loadingLabel: string;
  emptyLabel: string;
  searchLabel: string;
  testId?: string;
}

/**
 * A plain <select> over a list the server pages. When the list is longer than one page (5,000
 * people, 1,000 domains), a search box appears before it and the choices become the server's
 * matches for what is typed, so no one has to be found by scrolling and nothing unbounded is loaded.
 */
export function PickerSelect<T>({
  value,
  onChange,
  useItems,
  toOption,
  loadingLabel,
  emptyLabel,
  searchLabel,
  testId,
  disabled,
  ...rest
}: PickerSelectProps<T>) {
  const [search, setSearch] = useState('');
  const items = useItems(useDebouncedValue(search.trim()));
  const options = (items.data?.items ?? []).flatMap((item) => toOption(item) ?? []);
  const loading = items.isPending;
  // the list was cut short (more matches than one page): offer a search box that asks the server
  const more = Boolean(items.data?.nextCursor);
  const selectedMissing = value && !options.some((o) => o.value === value);
  const select = (
    <select
      {...rest}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      disabled={disabled || (loading && !search)}
      data-testid={testId}
    >
      <option value="">{loading ? loadingLabel : emptyLabel}</option>
      {selectedMissing ? <option value={value}>Current selection</option> : null}
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
      {more ? (
        <option value="" disabled>
          … more: type in the search box
        </option>
      ) : null}
    </select>
  );
  if (!more && !search) return select;
  return (
    <span className="picker">
      <input
        type="search"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        placeholder={searchLabel}
        aria-label={searchLabel}
        disabled={disabled}
        data-testid={testId ? `${testId}-search` : undefined}
      />
      {select}
    </span>
  );
}
