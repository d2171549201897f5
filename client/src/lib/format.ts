import type {
  ArtifactStatus,
  DomainRole,
  GlobalRole,
  InvestigationStatus,
  Priority,
  Severity,
  TicketKind,
  TicketStatus,
} from '@shared/api/enums';
import type { BadgeTone } from '../components/Badge';

export const TICKET_KIND_LABELS: Record<TicketKind, string> = {
  problem: 'Problem statement',
  concern: 'Concern',
  stakeholder: 'Stakeholder',
  exploration: 'Exploration',
  request: 'Product request',
  session: 'Hand-off session',
  data_collection: 'Data collection',
  task: 'Task',
};

export const TICKET_STATUS_LABELS: Record<TicketStatus, string> = {
  open: 'Open',
  in_progress: 'In progress',
  blocked: 'Blocked',
  done: 'Done',
  wont_do: "Won't do",
};

export const INVESTIGATION_STATUS_LABELS: Record<InvestigationStatus, string> = {
  reported: 'Reported',
  triaged: 'Triaged',
  investigating: 'Investigating',
  resolved: 'Resolved',
  dismissed: 'Dismissed',
};

export const GLOBAL_ROLE_LABELS: Record<GlobalRole, string> = {
  admin: 'Admin',
  member: 'Member',
  viewer: 'Viewer',
};

export const ROLE_TITLES: Record<DomainRole, string> = {
  ds_lead: 'Data science lead',
  product_lead: 'Product lead',
  sponsor: 'Sponsor',
  contributor: 'Contributor',
};

export const ARTIFACT_STATUS_LABELS: Record<ArtifactStatus, string> = {
  draft: 'Draft',
  ready: 'Ready',
  deprecated: 'Deprecated',
};

export function capitalize(text: string): string {
  return text ? text[0].toUpperCase() + text.slice(1).replace(/_/g, ' ') : text;
}

export function levelTone(level: Priority | Severity): BadgeTone {
  switch (level) {
    case 'critical':
      return 'danger';
    case 'high':
      return 'warning';
    case 'medium':
      return 'info';
    default:
      return 'muted';
  }
}

export function ticketStatusTone(status: TicketStatus): BadgeTone {
  if (status === 'done') return 'success';
  if (status === 'blocked') return 'danger';
  if (status === 'wont_do') return 'muted';
  if (status === 'in_progress') return 'info';
  return 'neutral';
}

export function investigationStatusTone(status: InvestigationStatus): BadgeTone {
  if (status === 'resolved') return 'success';
  if (status === 'dismissed') return 'muted';
  if (status === 'reported') return 'warning';
  return 'info';
}

/**
 * The time zone every date and time is shown in: the person's own (Settings → Profile), or the
 * browser's while they have none or are signed out. Set by the signed-in layout before its page
 * renders; the formats below are built once per zone.
 */
let displayTimeZone: string | undefined;

export function setDisplayTimeZone(timeZone: string | null | undefined): void {
  displayTimeZone = timeZone ?? undefined;
}

/** The zone dates are shown in (an IANA name), the browser's when the person chose none. */
export function currentDisplayTimeZone(): string {
  return displayTimeZone ?? new Intl.DateTimeFormat().resolvedOptions().timeZone;
}

const formats = new Map<string, Intl.DateTimeFormat>();
function zonedFormat(kind: 'date' | 'dateTime' | 'parts'): Intl.DateTimeFormat {
  const zone = currentDisplayTimeZone();
  const key = `${kind}|${zone}`;
  let format = formats.get(key);
  if (!format) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'date'
        ? { year: 'numeric', month: 'short', day: 'numeric' }
        : kind === 'dateTime'
          ? { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }
          : {
              year: 'numeric',
              month: '2-digit',
              day: '2-digit',
              hour: '2-digit',
              minute: '2-digit',
              second: '2-digit',
              hourCycle: 'h23',
            };
    format = new Intl.DateTimeFormat(kind === 'parts' ? 'en-US' : 'en', { ...options, timeZone: zone });
    formats.set(key, format);
  }
  return format;
}

/** An instant's calendar date in the person's zone: "Dec 4, 2026". */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : zonedFormat('date').format(date);
}

// A calendar date has no time zone: read and written in UTC, 2026-12-15 is Dec 15 everywhere.
const calendarDayFormat = new Intl.DateTimeFormat('en', {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});

/** A date-only value (`2026-12-15`, a ticket's due date) as that calendar date in every time zone. */
export function formatCalendarDay(day: string | null | undefined): string {
  if (!day) return '—';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  return calendarDayFormat.format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))));
}

/** An instant in the person's zone: "Dec 4, 2026, 09:30 AM". */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : zonedFormat('dateTime').format(date);
}

/** How far the person's zone is ahead of UTC at an instant, in milliseconds. */
function zoneOffset(instant: number): number {
  const parts = Object.fromEntries(
    zonedFormat('parts')
      .formatToParts(new Date(instant))
      .map((part) => [part.type, part.value]),
  );
  const wall = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a wall-clock time of a calendar day (`2026-12-15`, `23:59:59.999`) happens in the
 * person's zone, as an ISO string: what a date filter ("from", "to") means to the person typing it.
 */
export function zonedInstant(day: string, time: string): string {
  const asUtc = Date.parse(`${day}T${time}Z`);
  if (Number.isNaN(asUtc)) return day;
  const first = asUtc - zoneOffset(asUtc);
  // a second look settles the days the clocks change
  return new Date(asUtc - zoneOffset(first)).toISOString();
}

/** "3 days ago", for timelines and comments. */
export function formatRelative(iso: string, now: number = Date.now()): string {
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return iso;
  const seconds = Math.round((then - now) / 1000);
  const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['year', 31536000],
    ['month', 2592000],
    ['week', 604800],
    ['day', 86400],
    ['hour', 3600],
    ['minute', 60],
  ];
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return rtf.format(Math.round(seconds / size), unit);
  }
  return 'just now';
}

export function pluralize(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** A list's total as the API counted it: "1,000+" when it stopped counting (Page.totalCapped). */
export function formatTotal(page: { total: number; totalCapped?: boolean } | undefined): string | undefined {
  if (!page) return undefined;
  return `${page.total.toLocaleString('en-US')}${page.totalCapped ? '+' : ''}`;
}
