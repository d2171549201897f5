import { Field } from '../../components/Field';
import type { ApiError } from '../../lib/api';

/** What a domain says about itself, as typed into the create and edit forms. */
export interface DomainText {
  name: string;
  description: string;
  autoAdvance: boolean;
}

/** The fields as the server wants them: without surrounding white space. */
export function trimDomainText(domain: DomainText): DomainText {
  return { ...domain, name: domain.name.trim(), description: domain.description.trim() };
}

/** A domain's name, description and whether it advances on its own. */
export function DomainFields({
  domain,
  onChange,
  error,
}: {
  domain: DomainText;
  onChange: (domain: DomainText) => void;
  error: ApiError | null;
}) {
  return (
    <>
      <Field label="Name" error={error?.fieldError('name')} required>
        {(control) => (
          <input
            {...control}
            value={domain.name}
            onChange={(e) => onChange({ ...domain, name: e.target.value })}
            name="name"
            data-testid="domain-name"
          />
        )}
      </Field>
      <Field label="Description" error={error?.fieldError('description')}>
        {(control) => (
          <textarea
            {...control}
            value={domain.description}
            onChange={(e) => onChange({ ...domain, description: e.target.value })}
            name="description"
            data-testid="domain-description"
          />
        )}
      </Field>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={domain.autoAdvance}
          onChange={(e) => onChange({ ...domain, autoAdvance: e.target.checked })}
          data-testid="domain-auto-advance"
        />
        Advance automatically when the last approval lands
      </label>
    </>
  );
}
