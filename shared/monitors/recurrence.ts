/**
 * When a caveat's known behaviour recurs: the dates on which a monitor neither alarms nor learns
 * from what it sees. Pure calendar arithmetic on ISO dates in UTC; shared by server and client.
 */
export type CaveatRecurrence =
  | { kind: 'yearly'; month: number; day: number } // every Dec 25 (month 1..12)
  | { kind: 'weekday'; weekday: number } // 0 = Sunday .. 6 = Saturday
  | { kind: 'dayOfMonth'; day: number } // 1..31; a day past a month's end matches its last day
  | { kind: 'range'; from: string; to: string }; // inclusive ISO dates

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

interface CalendarDate {
  year: number;
  month: number; // 1..12
  day: number;
  weekday: number;
}

/** 'YYYY-MM-DD' or an ISO datetime (its UTC date); null when it is not a real calendar date. */
function calendarDate(iso: string): CalendarDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/.exec(iso);
  if (!match) return null;
  let ms: number;
  if (iso.length === 10) {
    ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  } else {
    ms = Date.parse(iso);
    if (Number.isNaN(ms)) return null;
  }
  const date = new Date(ms);
  // Date.UTC rolls Feb 30 over to Mar 2: a date that does not exist matches nothing.
  if (iso.length === 10 && (date.getUTCMonth() + 1 !== Number(match[2]) || date.getUTCDate() !== Number(match[3])))
    return null;
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    weekday: date.getUTCDay(),
  };
}

/** Days in a month (1..12) of a year, leap years included. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Whether a date (ISO 'YYYY-MM-DD', or a datetime taken at its UTC date) falls on the recurrence.
 *
 * - `yearly` Feb 29 matches Feb 29 in leap years only (it has no stand-in in other years).
 * - `dayOfMonth` 29, 30 or 31 matches the last day of a month that is shorter, so "day 31" means
 *   "the last day of every month" and a billing cycle on the 30th still recurs in February.
 * - `range` is inclusive of both ends and compares calendar dates.
 */
export function matchesRecurrence(r: CaveatRecurrence, isoDate: string): boolean {
  const date = calendarDate(isoDate);
  if (!date) return false;
  switch (r.kind) {
    case 'yearly':
      return date.month === r.month && date.day === r.day;
    case 'weekday':
      return date.weekday === r.weekday;
    case 'dayOfMonth': {
      const last = daysInMonth(date.year, date.month);
      return date.day === Math.min(r.day, last);
    }
    case 'range': {
      const from = calendarDate(r.from);
      const to = calendarDate(r.to);
      if (!from || !to) return false;
      const key = (d: CalendarDate) => d.year * 10_000 + d.month * 100 + d.day;
      return key(date) >= key(from) && key(date) <= key(to);
    }
  }
}

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
}

/** A short phrase for the recurrence: "every Dec 25", "every Monday", "the 1st of every month". */
export function describeRecurrence(r: CaveatRecurrence): string {
  switch (r.kind) {
    case 'yearly':
      return `every ${MONTHS[r.month - 1] ?? `month ${r.month}`} ${r.day}`;
    case 'weekday':
      return `every ${WEEKDAYS[r.weekday] ?? `weekday ${r.weekday}`}`;
    case 'dayOfMonth':
      return r.day >= 31
        ? 'the last day of every month'
        : r.day >= 29
          ? `the ${ordinal(r.day)} of every month (or its last day)`
          : `the ${ordinal(r.day)} of every month`;
    case 'range':
      return r.from === r.to ? `on ${r.from}` : `from ${r.from} to ${r.to}`;
  }
}
