import { notFound } from './app-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** A path id that is not a uuid names nothing: 404, never a database error. */
export function parseUuid(value: string | string[] | undefined, what = 'Resource'): string {
  const id = single(value);
  if (!id || !UUID.test(id)) throw notFound(what);
  return id.toLowerCase();
}

/** A positive integer path id (investigations), else 404. */
export function parseIntId(value: string | string[] | undefined, what = 'Resource'): number {
  const id = single(value);
  if (!id || !/^\d{1,9}$/.test(id)) throw notFound(what);
  return Number(id);
}

/** A domain key like RET (upper-cased), else 404. */
export function parseDomainKey(value: string | string[] | undefined): string {
  const key = single(value)?.toUpperCase();
  if (!key || !/^[A-Z][A-Z0-9]{1,9}$/.test(key)) throw notFound('Domain');
  return key;
}

/** A ticket key like RET-12, else 404. */
export function parseTicketKey(value: string | string[] | undefined): string {
  const key = single(value)?.toUpperCase();
  if (!key || !/^[A-Z][A-Z0-9]{1,9}-\d{1,9}$/.test(key)) throw notFound('Ticket');
  return key;
}
