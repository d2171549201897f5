import type { FieldControlProps } from './Field';

export interface SelectOption<T extends string = string> {
  value: T;
  label: string;
}

/** The options for a list of values, each labelled by `label`. */
export function toOptions<T extends string>(values: readonly T[], label: (value: T) => string): SelectOption<T>[] {
  return values.map((value) => ({ value, label: label(value) }));
}

interface OptionSelectProps<T extends string> extends Partial<FieldControlProps> {
  value: T;
  onChange: (value: T) => void;
  options: readonly SelectOption<T>[];
  /** label of an empty first choice, e.g. "Any status"; none when left out */
  emptyLabel?: string;
  disabled?: boolean;
  title?: string;
  testId?: string;
  'aria-label'?: string;
}

/** A native select over options given as data. */
export function OptionSelect<T extends string>({
  value,
  onChange,
  options,
  emptyLabel,
  testId,
  ...rest
}: OptionSelectProps<T>) {
  return (
    <select {...rest} value={value} onChange={(e) => onChange(e.target.value as T)} data-testid={testId}>
      {emptyLabel !== undefined ? <option value="">{emptyLabel}</option> : null}
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  );
}
