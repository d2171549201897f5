import { useMemo, useState, type FormEvent } from 'react';
import type { CurrentUser } from '@shared/api/auth';
import { Button } from '../../components/Button';
import { Field, FormError, MissingFieldsContext, useRequiredCheck } from '../../components/Field';
import { isApiError } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { useUpdateProfile } from './hooks';

/** The browser's own zone, whatever the person chose. */
const browserZone = () => new Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Every IANA zone the browser knows, with the saved one even if this browser lists it otherwise. */
function zoneChoices(saved: string | null): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const all = new Set(zones);
  all.add('UTC');
  if (saved) all.add(saved);
  return [...all].sort();
}

/** Name and time zone: every date and time in Cairn is shown in that zone. */
export function ProfileSection({ me }: { me: CurrentUser }) {
  const update = useUpdateProfile();
  const [name, setName] = useState(me.name);
  const [timeZone, setTimeZone] = useState(me.timeZone ?? '');
  const zones = useMemo(() => zoneChoices(me.timeZone), [me.timeZone]);
  const required = useRequiredCheck();
  const error = isApiError(update.error) ? update.error : null;
  const changed = name.trim() !== me.name || (timeZone || null) !== me.timeZone;

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!required.check(event.currentTarget)) return;
    update.mutate({ name: name.trim(), timeZone: timeZone || null });
  }

  return (
    <section className="panel" aria-labelledby="profile-title">
      <h2 id="profile-title">Profile</h2>
      <form onSubmit={handleSubmit} noValidate onInput={required.onInput} data-testid="profile-form">
        <MissingFieldsContext.Provider value={required.missing}>
          <div className="field-row">
            <Field label="Name" error={error?.fieldError('name')} required>
              {(control) => (
                <input
                  {...control}
                  value={name}
                  autoComplete="name"
                  onChange={(e) => setName(e.target.value)}
                  data-testid="profile-name"
                />
              )}
            </Field>
            <Field
              label="Time zone"
              error={error?.fieldError('timeZone')}
              hint="Every date and time in Cairn is shown in this zone. Due dates stay calendar days."
            >
              {(control) => (
                <select
                  {...control}
                  value={timeZone}
                  onChange={(e) => setTimeZone(e.target.value)}
                  data-testid="profile-time-zone"
                >
                  <option value="">Your browser&apos;s zone ({browserZone()})</option>
                  {zones.map((zone) => (
                    <option key={zone} value={zone}>
                      {zone.replace(/_/g, ' ')}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <p className="muted" data-testid="profile-now">
            Now in your zone ({me.timeZone ?? browserZone()}): {formatDateTime(new Date().toISOString())}
          </p>
          <FormError error={update.error} handledFields={['name', 'timeZone']} />
          <div className="row">
            <Button
              type="submit"
              variant="primary"
              busy={update.isPending}
              disabledReason={changed ? null : 'Nothing changed'}
              data-testid="profile-save"
            >
              Save profile
            </Button>
            {update.isSuccess && !changed ? (
              <span role="status" className="muted" data-testid="profile-saved">
                Saved.
              </span>
            ) : null}
          </div>
        </MissingFieldsContext.Provider>
      </form>
    </section>
  );
}
