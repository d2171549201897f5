import type { SelectHTMLAttributes } from 'react';

export interface PickerOption {
  value: string;
  label: string;
}

interface PickerSelectProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'onChange' | 'value'> {
  value: string;
  onChange: (value: string) => void;
  options: PickerOption[];
  loading: boolean;
  loadingLabel: string;
  emptyLabel: string;
  /** the list was cut short (more matches than fetched): offer a search box that asks the server */
  more: boolean;
  search: string;
  onSearch: (search: string) => void;
  searchLabel: string;
  testId?: string;
}

/**
 * A plain <select> over a list the server pages. When the list is longer than one page (5,000
 * people, 1,000 domains), a search box appears before it and the choices become the server's
 * matches for what is typed, so no one has to be found by scrolling and nothing unbounded is loaded.
 */
export function PickerSelect({
  value,
  onChange,
  options,
  loading,
  loadingLabel,
  emptyLabel,
  more,
  search,
  onSearch,
  searchLabel,
  testId,
  disabled,
  ...rest
}: PickerSelectProps) {
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
        onChange={(e) => onSearch(e.target.value)}
        placeholder={searchLabel}
        aria-label={searchLabel}
        disabled={disabled}
        data-testid={testId ? `${testId}-search` : undefined}
      />
      {select}
    </span>
  );
}
