import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { MonitorView, SeasonalityKind } from '@shared/api/monitors';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Field, FormError, MissingFieldsContext, useRequiredCheck } from '../../components/Field';
import { QueryStates } from '../../components/States';
import { isApiError } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { paths } from '../../paths';
import { useMe } from '../auth/hooks';
import { MonitorChart } from './MonitorChart';
import { useCreateMonitor, useMonitors, useObservations, useRunMonitor, useSources } from './hooks';

const SEASONALITY_LABELS: Record<SeasonalityKind, string> = {
  auto: 'Detect it',
  none: 'None',
  weekly: 'Weekly',
  monthly: 'Monthly',
  dayOfMonth: 'Day of month (billing cycles)',
};

/** The monitors of a metric: what they watch, their newest run plotted, "Run now", and a form to add one. */
export function MonitorPanel({ artifactId }: { artifactId: string }) {
  const monitors = useMonitors(artifactId);
  const me = useMe();
  const items = monitors.data ?? [];
  return (
    <section className="panel" aria-labelledby="monitors-title" data-testid="monitor-panel">
      <h2 id="monitors-title">Monitors</h2>
      <p className="muted small">
        A monitor runs a query on a schedule and opens an investigation when the newest points leave the band the
        series' own history predicts. Dates a caveat's recurrence covers are not alarmed on; they are counted as
        suppressed.
      </p>
      <QueryStates query={monitors} empty={items.length === 0} emptyTitle="No monitor watches this metric yet.">
        {items.map((monitor) => (
          <MonitorCard key={monitor.id} monitor={monitor} />
        ))}
      </QueryStates>
      {me.can.manageSettings ? <CreateMonitorForm artifactId={artifactId} /> : null}
    </section>
  );
}

function MonitorCard({ monitor }: { monitor: MonitorView }) {
  const run = useRunMonitor();
  const last = monitor.lastRun;
  const observations = useObservations(monitor.id, last?.status === 'succeeded' ? last.id : null);
  const data = observations.data;
  const segments = data?.segments ?? [];
  const [segment, setSegment] = useState<string | null>(null);
  const shown = segment ?? segments[0] ?? '';
  const points = (data?.observations ?? []).filter((o) => o.segment === shown);
  return (
    <article className="monitor-card" id={`monitor-${monitor.id}`} data-testid="monitor">
      <div className="row-between">
        <div>
          <h3 style={{ margin: 0 }}>{monitor.name}</h3>
          <div className="row small muted">
            <span>
              {monitor.sourceName} · cron <code>{monitor.schedule}</code> (UTC) · seasonality{' '}
              {SEASONALITY_LABELS[monitor.seasonality].toLowerCase()} · sensitivity {monitor.sensitivity}
              {monitor.minChange !== null ? ` · min change ${Math.round(monitor.minChange * 1000) / 10}%` : ''}
            </span>
            {monitor.active ? null : <Badge tone="muted">Paused</Badge>}
          </div>
        </div>
        {monitor.can.run ? (
          <Button
            size="small"
            busy={run.isPending || last?.status === 'queued' || last?.status === 'running'}
            onClick={() => run.mutate(monitor.id)}
            data-testid="run-monitor"
          >
            Run now
          </Button>
        ) : null}
      </div>
      <FormError error={run.error} />
      {last ? (
        <p className="small" data-testid="monitor-last-run">
          Last run {formatDateTime(last.finishedAt ?? last.queuedAt)}:{' '}
          <Badge tone={last.status === 'succeeded' ? 'success' : last.status === 'failed' ? 'danger' : 'muted'}>
            {last.status}
          </Badge>{' '}
          {last.status === 'failed' ? last.error : null}
          {last.status === 'succeeded' ? (
            <>
              {last.points} points, <strong data-testid="monitor-anomalies">{last.anomalies}</strong> anomal
              {last.anomalies === 1 ? 'y' : 'ies'},{' '}
              <strong data-testid="monitor-suppressed">{last.suppressed}</strong> suppressed by caveats
              {last.enoughHistory ? '' : ` — quiet: ${last.historyNote ?? 'not enough history yet'}`}
            </>
          ) : null}
          {monitor.openInvestigationId ? (
            <>
              {' · '}
              <Link to={paths.investigation(monitor.openInvestigationId)} data-testid="monitor-investigation">
                Open investigation #{monitor.openInvestigationId}
              </Link>
            </>
          ) : null}
        </p>
      ) : (
        <p className="muted small">Not run yet{monitor.nextRunAt ? `; next run ${formatDateTime(monitor.nextRunAt)}` : ''}.</p>
      )}
      {segments.length > 1 ? (
        <label className="small">
          Segment{' '}
          <select value={shown} onChange={(e) => setSegment(e.target.value)}>
            {segments.map((s) => (
              <option key={s} value={s}>
                {s || '(none)'}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {points.length ? <MonitorChart title={`${monitor.name}${shown ? ` — ${shown}` : ''}`} points={points} /> : null}
    </article>
  );
}

function CreateMonitorForm({ artifactId }: { artifactId: string }) {
  const sources = useSources();
  const create = useCreateMonitor(artifactId);
  const [name, setName] = useState('');
  const [sourceId, setSourceId] = useState('');
  const [sql, setSql] = useState('');
  const [schedule, setSchedule] = useState('0 6 * * *');
  const [seasonality, setSeasonality] = useState<SeasonalityKind>('auto');
  const [sensitivity, setSensitivity] = useState('0.5');
  const [minChange, setMinChange] = useState('');
  const error = isApiError(create.error) ? create.error : null;
  const required = useRequiredCheck();
  const chosen = sourceId || sources.data?.[0]?.id || '';

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!required.check(event.currentTarget)) return;
    create.mutate(
      {
        name: name.trim(),
        sourceId: chosen,
        sql,
        schedule: schedule.trim(),
        seasonality,
        sensitivity: Number(sensitivity),
        minChange: minChange.trim() ? Number(minChange) : null,
      },
      { onSuccess: () => setName('') },
    );
  }

  return (
    <details className="monitor-create" data-testid="add-monitor">
      <summary>Add a monitor</summary>
      {sources.data && sources.data.length === 0 ? (
        <p className="muted small">
          No data source yet: add one under <Link to={paths.adminSources()}>Admin → Data sources</Link>.
        </p>
      ) : (
        <form onSubmit={handleSubmit} noValidate aria-label="Add a monitor" onInput={required.onInput}>
          <MissingFieldsContext.Provider value={required.missing}>
            <div className="field-row">
              <Field label="Name" error={error?.fieldError('name')} required>
                {(control) => <input {...control} value={name} onChange={(e) => setName(e.target.value)} data-testid="monitor-name" />}
              </Field>
              <Field label="Data source" error={error?.fieldError('sourceId')}>
                {(control) => (
                  <select {...control} value={chosen} onChange={(e) => setSourceId(e.target.value)} data-testid="monitor-source">
                    {(sources.data ?? []).map((s) => (
                      <option key={s.id} value={s.id}>
                        {s.name}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
            <Field
              label="Query"
              hint="One read-only SELECT returning ts, value and optionally segment."
              error={error?.fieldError('sql')}
              required
            >
              {(control) => (
                <textarea {...control} rows={4} className="mono" value={sql} onChange={(e) => setSql(e.target.value)} data-testid="monitor-sql" />
              )}
            </Field>
            <div className="field-row">
              <Field label="Schedule (cron, UTC)" error={error?.fieldError('schedule')} required>
                {(control) => <input {...control} value={schedule} onChange={(e) => setSchedule(e.target.value)} data-testid="monitor-schedule" />}
              </Field>
              <Field label="Seasonality" error={error?.fieldError('seasonality')}>
                {(control) => (
                  <select {...control} value={seasonality} onChange={(e) => setSeasonality(e.target.value as SeasonalityKind)}>
                    {(Object.keys(SEASONALITY_LABELS) as SeasonalityKind[]).map((kind) => (
                      <option key={kind} value={kind}>
                        {SEASONALITY_LABELS[kind]}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label="Sensitivity (0–1)" error={error?.fieldError('sensitivity')}>
                {(control) => <input {...control} inputMode="decimal" value={sensitivity} onChange={(e) => setSensitivity(e.target.value)} />}
              </Field>
              <Field label="Minimum change" hint="A share of the expected value (0.05 = 5%); smaller deviations never alarm." error={error?.fieldError('minChange')}>
                {(control) => <input {...control} inputMode="decimal" value={minChange} onChange={(e) => setMinChange(e.target.value)} />}
              </Field>
            </div>
            <FormError error={create.error} handledFields={['name', 'sourceId', 'sql', 'schedule', 'seasonality', 'sensitivity', 'minChange']} />
            <Button type="submit" variant="primary" busy={create.isPending} data-testid="create-monitor">
              Add monitor
            </Button>
          </MissingFieldsContext.Provider>
        </form>
      )}
    </details>
  );
}
