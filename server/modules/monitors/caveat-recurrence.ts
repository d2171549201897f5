import { badRequest } from '../../http/app-error';
import type { CaveatRecurrenceJson } from '../artifacts/caveat.entity';

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const isInt = (value: unknown, min: number, max: number): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

function isDate(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * A caveat's recurrence as sent (any JSON), checked field by field: a 400 on `<field>.<key>` says
 * what is wrong. Returns the clean value (only the kind's own keys).
 */
export function parseRecurrence(input: unknown, field = 'recurrence'): CaveatRecurrenceJson {
  if (!input || typeof input !== 'object' || Array.isArray(input)) throw badRequest(field, 'must be an object with a kind');
  const value = input as Record<string, unknown>;
  const allowed: Record<string, string[]> = {
    yearly: ['kind', 'month', 'day'],
    weekday: ['kind', 'weekday'],
    dayOfMonth: ['kind', 'day'],
    range: ['kind', 'from', 'to'],
  };
  const kind = value.kind;
  if (typeof kind !== 'string' || !(kind in allowed))
    throw badRequest(`${field}.kind`, 'must be one of yearly, weekday, dayOfMonth, range');
  const extra = Object.keys(value).find((key) => !allowed[kind].includes(key));
  if (extra) throw badRequest(`${field}.${extra}`, `is not a field of a ${kind} recurrence`);
  switch (kind) {
    case 'yearly': {
      if (!isInt(value.month, 1, 12)) throw badRequest(`${field}.month`, 'must be a month from 1 to 12');
      const month = value.month;
      if (!isInt(value.day, 1, DAYS_IN_MONTH[month - 1]))
        throw badRequest(`${field}.day`, `must be a day from 1 to ${DAYS_IN_MONTH[month - 1]} of month ${month}`);
      return { kind, month, day: value.day };
    }
    case 'weekday':
      if (!isInt(value.weekday, 0, 6)) throw badRequest(`${field}.weekday`, 'must be 0 (Sunday) to 6 (Saturday)');
      return { kind, weekday: value.weekday };
    case 'dayOfMonth':
      if (!isInt(value.day, 1, 31)) throw badRequest(`${field}.day`, 'must be a day of the month from 1 to 31');
      return { kind, day: value.day };
    default: {
      if (!isDate(value.from)) throw badRequest(`${field}.from`, 'must be a date (YYYY-MM-DD)');
      if (!isDate(value.to)) throw badRequest(`${field}.to`, 'must be a date (YYYY-MM-DD)');
      if (value.to < value.from) throw badRequest(`${field}.to`, 'must not be before from');
      return { kind: 'range', from: value.from, to: value.to };
    }
  }
}

/** The recurrence a resolved anomaly's date suggests: the same calendar day every year. */
export function yearlyFrom(isoDate: string): CaveatRecurrenceJson {
  return { kind: 'yearly', month: Number(isoDate.slice(5, 7)), day: Number(isoDate.slice(8, 10)) };
}
