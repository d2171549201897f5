import type { DomainSummary } from '@shared/api/domains';
import { PickerSelect } from '../../components/PickerSelect';
import { useDomainOptions } from './hooks';

interface DomainSelectProps {
  /** a domain key, or '' for none */
  value: string;
  onChange: (key: string) => void;
  emptyLabel?: string;
  testId?: string;
  'aria-label'?: string;
}

const toOption = (d: DomainSummary) => ({ value: d.key, label: d.name });

/** Picks a domain by name; with more domains than one page, by searching. */
export function DomainSelect({ emptyLabel = 'Any domain', ...rest }: DomainSelectProps) {
  return (
    <PickerSelect
      {...rest}
      useItems={useDomainOptions}
      toOption={toOption}
      loadingLabel="Loading domains…"
      emptyLabel={emptyLabel}
      searchLabel="Find a domain"
    />
  );
}
