import { SEVERITIES, type Severity } from '@shared/api/enums';
import type { ArtifactView } from '@shared/api/tickets';
import { Field } from '../../components/Field';
import { OptionSelect, toOptions } from '../../components/OptionSelect';
import { PickerSelect } from '../../components/PickerSelect';
import type { ApiError } from '../../lib/api';
import { capitalize } from '../../lib/format';
import { useArtifactOptions } from '../artifacts/hooks';
import { UserSelect } from '../users/UserSelect';

const SEVERITY_OPTIONS = toOptions(SEVERITIES, capitalize);

/** What an investigation says about the oddity, as typed into the report and edit forms. */
export interface InvestigationText {
  title: string;
  observed: string;
  expected: string;
}

/** The text as the server wants it: without surrounding white space. */
export function trimInvestigationText(text: InvestigationText): InvestigationText {
  return { title: text.title.trim(), observed: text.observed.trim(), expected: text.expected.trim() };
}

interface InvestigationTextFieldsProps {
  text: InvestigationText;
  onChange: (text: InvestigationText) => void;
  error: ApiError | null;
  /** the labels differ: a reporter is asked questions, an editor sees the field names */
  asking?: boolean;
}

/** Title, what was observed and what was expected. */
export function InvestigationTextFields({ text, onChange, error, asking }: InvestigationTextFieldsProps) {
  return (
    <>
      <Field label="Title" error={error?.fieldError('title')} required>
        {(control) => (
          <input
            {...control}
            value={text.title}
            onChange={(e) => onChange({ ...text, title: e.target.value })}
            data-testid="investigation-title"
            autoFocus={asking}
          />
        )}
      </Field>
      <TextAreaField
        label={asking ? 'What did you observe?' : 'Observed'}
        hint={asking ? 'Markdown is supported.' : undefined}
        error={error?.fieldError('observed')}
        required
        value={text.observed}
        onChange={(observed) => onChange({ ...text, observed })}
        rows={4}
        testId="investigation-observed"
      />
      <TextAreaField
        label={asking ? 'What did you expect?' : 'Expected'}
        error={error?.fieldError('expected')}
        value={text.expected}
        onChange={(expected) => onChange({ ...text, expected })}
        rows={3}
        testId="investigation-expected"
      />
    </>
  );
}

interface TextAreaFieldProps {
  label: string;
  hint?: string;
  error: string | undefined;
  required?: boolean;
  value: string;
  onChange: (value: string) => void;
  rows: number;
  testId: string;
}

export function TextAreaField({ label, hint, error, required, value, onChange, rows, testId }: TextAreaFieldProps) {
  return (
    <Field label={label} hint={hint} error={error} required={required}>
      {(control) => (
        <textarea
          {...control}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          rows={rows}
          data-testid={testId}
        />
      )}
    </Field>
  );
}

interface ChoiceFieldProps<T extends string> {
  value: T;
  onChange: (value: T) => void;
  error: string | undefined;
  testId: string;
}

export function SeverityField({ value, onChange, error, testId }: ChoiceFieldProps<Severity>) {
  return (
    <Field label="Severity" error={error}>
      {(control) => (
        <OptionSelect {...control} value={value} onChange={onChange} options={SEVERITY_OPTIONS} testId={testId} />
      )}
    </Field>
  );
}

export function InvestigatorField({ value, onChange, error, testId }: ChoiceFieldProps<string>) {
  return (
    <Field label="Investigator" error={error}>
      {(control) => (
        <UserSelect {...control} value={value} onChange={onChange} emptyLabel="Nobody yet" testId={testId} />
      )}
    </Field>
  );
}

/** The artifact of the domain where the oddity shows, if any. */
export function ArtifactField({
  domainKey,
  label,
  value,
  onChange,
  error,
}: Omit<ChoiceFieldProps<string>, 'testId'> & { domainKey: string; label: string }) {
  const useArtifacts = (search: string) => useArtifactOptions(domainKey, search);
  return (
    <Field label={label} error={error}>
      {(control) => (
        <PickerSelect
          {...control}
          value={value}
          onChange={onChange}
          useItems={useArtifacts}
          toOption={(a: ArtifactView) => ({ value: a.id, label: `${a.name} (${a.type})` })}
          loadingLabel="Loading artifacts…"
          emptyLabel="Not tied to an artifact"
          searchLabel="Find an artifact"
          testId="investigation-artifact"
        />
      )}
    </Field>
  );
}
