import type { UserView } from '@shared/api/auth';
import type { FieldControlProps } from '../../components/Field';
import { PickerSelect } from '../../components/PickerSelect';
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
export function UserSelect({ emptyLabel = 'Nobody', exclude, ...rest }: UserSelectProps) {
  const toOption = (u: UserView) =>
    u.active !== false && !exclude?.includes(u.id) ? { value: u.id, label: u.name } : null;
  return (
    <PickerSelect
      {...rest}
      useItems={useUsers}
      toOption={toOption}
      loadingLabel="Loading people…"
      emptyLabel={emptyLabel}
      searchLabel="Find a person"
    />
  );
}
