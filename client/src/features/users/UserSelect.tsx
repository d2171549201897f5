import { useState } from 'react';
import type { FieldControlProps } from '../../components/Field';
import { PickerSelect } from '../../components/PickerSelect';
import { useDebouncedValue } from '../../lib/use-debounced-value';
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

/** Picks a person by name; every signed-in user may list users for this. Large companies search. */
export function UserSelect({ value, onChange, emptyLabel = 'Nobody', exclude, ...rest }: UserSelectProps) {
  const [search, setSearch] = useState('');
  const users = useUsers(useDebouncedValue(search.trim()));
  const options = (users.data?.items ?? [])
    .filter((u) => u.active !== false && !exclude?.includes(u.id))
    .map((u) => ({ value: u.id, label: u.name }));
  return (
    <PickerSelect
      {...rest}
      value={value}
      onChange={onChange}
      options={options}
      loading={users.isPending}
      loadingLabel="Loading people…"
      emptyLabel={emptyLabel}
      more={Boolean(users.data?.nextCursor)}
      search={search}
      onSearch={setSearch}
      searchLabel="Find a person"
    />
  );
}
