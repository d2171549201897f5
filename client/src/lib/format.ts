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

const dateFormat = new Intl.DateTimeFormat('en', { year: 'numeric', month: 'short', day: 'numeric' });
const dateTimeFormat = new Intl.DateTimeFormat('en', {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
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

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTimeFormat.format(date);
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
