import type { FieldControlProps } from '../../components/Field';
import { useUsers } from './hooks';

interface UserSelectProps extends Partial<FieldControlProps> {
  value: string;
  onChange: (userId: string) => void;
  /** label of the empty choice, e.g. "Unassigned" or "Anyone" */
  emptyLabel?: string;
  disabled?: boolean;
  testId?: string;
  'aria-label'?: string;
  title?: string;
  /** users to leave out of the list, e.g. existing members */
  exclude?: string[];
}

/** Picks a person by name; every signed-in user may list users for this. */
export function UserSelect({
  value,
  onChange,
  emptyLabel = 'Nobody',
  disabled,
  testId,
  exclude,
  ...rest
}: UserSelectProps) {
  const users = useUsers();
  const options = (users.data?.items ?? []).filter((u) => u.active !== false && !exclude?.includes(u.id));
  const selectedMissing = value && !options.some((u) => u.id === value);
  return (
    <select
      {...rest}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      disabled={disabled || users.isPending}
      data-testid={testId}
    >
      <option value="">{users.isPending ? 'Loading people…' : emptyLabel}</option>
      {selectedMissing ? <option value={value}>Current selection</option> : null}
      {options.map((u) => (
        <option key={u.id} value={u.id}>
          {u.name}
        </option>
      ))}
    </select>
  );
}
