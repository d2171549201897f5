import { useState, type FormEvent } from 'react';
import type { NotificationKind } from '@shared/api/inbox';
import {
  NOTIFICATION_CHANNELS,
  NOTIFICATION_KIND_LABELS,
  type NotificationChannel,
  type NotificationPreferencesView,
} from '@shared/api/notification-preferences';
import { Button } from '../components/Button';
import { FormError } from '../components/Field';
import { ErrorState, Loading } from '../components/States';
import { useNotificationPreferences, useSaveNotificationPreferences } from '../features/notifications/hooks';
import { useDocumentTitle } from '../lib/use-document-title';

const CHANNEL_LABELS: Record<NotificationChannel, { label: string; hint: string }> = {
  inbox: { label: 'Inbox only', hint: 'in your Cairn inbox' },
  email_now: { label: 'Email now', hint: 'inbox, and an email right away' },
  email_digest: { label: 'Daily digest', hint: 'inbox, and a line in one email a day' },
  none: { label: 'None', hint: 'filed as read, no email' },
};

/** 7 → "07:00 UTC" */
function hourLabel(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00 UTC`;
}

export function NotificationSettingsPage() {
  useDocumentTitle('Notification settings');
  const preferences = useNotificationPreferences();
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Notifications</h1>
          <p>
            For each kind of event, how it reaches you: the inbox only, an email right away, the daily digest, or not at
            all.
          </p>
        </div>
      </div>
      <section className="panel" aria-labelledby="notification-preferences-title">
        <h2 id="notification-preferences-title">Notification preferences</h2>
        {preferences.isPending ? (
          <Loading />
        ) : preferences.isError ? (
          <ErrorState error={preferences.error} onRetry={() => preferences.refetch()} />
        ) : (
          <PreferencesForm initial={preferences.data} />
        )}
      </section>
    </>
  );
}

function channelsOf(view: NotificationPreferencesView): Record<NotificationKind, NotificationChannel> {
  return Object.fromEntries(view.preferences.map((p) => [p.kind, p.channel])) as Record<
    NotificationKind,
    NotificationChannel
  >;
}

function PreferencesForm({ initial }: { initial: NotificationPreferencesView }) {
  const save = useSaveNotificationPreferences();
  const [channels, setChannels] = useState(() => channelsOf(initial));
  const [saved, setSaved] = useState(false);
  const { email } = initial;
  const changed = initial.preferences.filter((p) => channels[p.kind] !== p.channel);

  function handleChange(kind: NotificationKind, channel: NotificationChannel) {
    setSaved(false);
    setChannels((current) => ({ ...current, [kind]: channel }));
  }

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    save.mutate(
      { preferences: initial.preferences.map((p) => ({ kind: p.kind, channel: channels[p.kind] })) },
      {
        onSuccess: (result) => {
          // what the server stored, not what was sent
          setChannels(channelsOf(result));
          setSaved(true);
        },
      },
    );
  }

  return (
    <form onSubmit={handleSubmit} aria-label="Notification preferences" data-testid="notification-preferences-form">
      {email.enabled ? (
        <p className="notice" data-testid="email-status">
          Emails go to <strong>{email.address}</strong>. The daily digest goes out at {hourLabel(email.digestHourUtc)},
          one email with everything waiting, grouped by domain.
        </p>
      ) : (
        <p className="notice notice-warning" data-testid="email-status">
          Email is off on this Cairn: no mail server is configured. Your choices are saved, and the inbox still gets
          everything but “None”; emails start once an admin sets up email.
        </p>
      )}
      <div className="table-wrap">
        <table className="data-table" data-testid="notification-preferences">
          <caption className="visually-hidden">Channel per kind of event</caption>
          <thead>
            <tr>
              <th scope="col">Event</th>
              {NOTIFICATION_CHANNELS.map((channel) => (
                <th scope="col" key={channel} title={CHANNEL_LABELS[channel].hint}>
                  {CHANNEL_LABELS[channel].label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {initial.preferences.map((p) => (
              <tr key={p.kind} data-testid={`preference-${p.kind}`} data-channel={channels[p.kind]}>
                <th scope="row">{NOTIFICATION_KIND_LABELS[p.kind]}</th>
                {NOTIFICATION_CHANNELS.map((channel) => (
                  <td key={channel}>
                    <label className="row">
                      <input
                        type="radio"
                        name={`channel-${p.kind}`}
                        value={channel}
                        checked={channels[p.kind] === channel}
                        onChange={() => handleChange(p.kind, channel)}
                        aria-label={`${NOTIFICATION_KIND_LABELS[p.kind]}: ${CHANNEL_LABELS[channel].label}`}
                        data-testid={`channel-${p.kind}-${channel}`}
                      />
                      {p.defaultChannel === channel ? <span className="small muted">default</span> : null}
                    </label>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <FormError error={save.error} />
      {saved ? (
        <p className="notice notice-success" role="status" data-testid="preferences-saved">
          Preferences saved.
          {email.enabled ? '' : ' Email is off, so only the inbox is used for now.'}
        </p>
      ) : null}
      <Button
        type="submit"
        variant="primary"
        busy={save.isPending}
        disabledReason={changed.length === 0 && !save.isPending ? 'Nothing changed yet' : null}
        data-testid="save-notification-preferences"
      >
        Save preferences
      </Button>
    </form>
  );
}
