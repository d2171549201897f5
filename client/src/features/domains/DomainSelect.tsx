import { useState } from 'react';
import { PickerSelect } from '../../components/PickerSelect';
import { useDebouncedValue } from '../../lib/use-debounced-value';
import { useDomainOptions } from './hooks';

interface DomainSelectProps {
  /** a domain key, or '' for none */
  value: string;
  onChange: (key: string) => void;
  emptyLabel?: string;
  testId?: string;
  'aria-label'?: string;
}

/** Picks a domain by name; with more domains than one page, by searching. */
export function DomainSelect({ value, onChange, emptyLabel = 'Any domain', ...rest }: DomainSelectProps) {
  const [search, setSearch] = useState('');
  const domains = useDomainOptions(useDebouncedValue(search.trim()));
  const options = (domains.data?.items ?? []).map((d) => ({ value: d.key, label: d.name }));
  return (
    <PickerSelect
      {...rest}
      value={value}
      onChange={onChange}
      options={options}
      loading={domains.isPending}
      loadingLabel="Loading domains…"
      emptyLabel={emptyLabel}
      more={Boolean(domains.data?.nextCursor)}
      search={search}
      onSearch={setSearch}
      searchLabel="Find a domain"
    />
  );
}
