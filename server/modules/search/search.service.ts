import type { DataSource } from 'typeorm';
import { SEARCH_KINDS, type SearchKind, type SearchMatch, type SearchResults } from '../../../shared/api/search';
import { badRequest } from '../../http/app-error';
import { decodeCursor, fetchSize, keysetPage } from '../../http/pagination';
import { prefixQuery } from '../catalog/catalog.service';
import type { SearchQueryDto } from './search.dto';

export const SEARCH_DEFAULT_LIMIT = 20;

/** Tiers, best first: an exact key or address, then a name that begins with the words, then the words anywhere. */
const TIERS: { match: SearchMatch; rank: number }[] = [
  { match: 'exact', rank: 3 },
  { match: 'prefix', rank: 2 },
  { match: 'text', rank: 1 },
];

const DOMAIN_KEY = /^[A-Za-z][A-Za-z0-9]{1,9}$/;
const TICKET_KEY = /^[A-Za-z][A-Za-z0-9]{1,9}-\d{1,9}$/;
const TICKET_KEY_START = /^[A-Za-z][A-Za-z0-9]{1,9}-\d{0,8}$/;
const INVESTIGATION_NUMBER = /^#?(\d{1,9})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;

/** `LIKE` pattern of a text as a prefix, its wildcards escaped. */
function likePrefix(text: string): string {
  return `${text.replace(/[\\%_]/g, '\\$&')}%`;
}

/** The first string after every string that begins with `prefix` (for an index range on a btree). */
function prefixEnd(prefix: string): string {
  const last = prefix.codePointAt(prefix.length - 1) ?? 0;
  return prefix.slice(0, -1) + String.fromCodePoint(last + 1);
}

/**
 * Query parameters by placeholder. Conditions are built for every kind and tier but only some
 * reach the statement (kinds, the cursor), and PostgreSQL refuses a parameter it is never given a
 * use for, so `bind` numbers only the placeholders the final SQL holds.
 */
interface Params {
  add(value: unknown): string;
  bind(sql: string): { sql: string; values: unknown[] };
}

function params(): Params {
  const values: unknown[] = [];
  return {
    add(value) {
      values.push(value);
      return `:p${values.length - 1}:`;
    },
    bind(sql) {
      const used = new Map<number, number>();
      const text = sql.replace(/:p(\d+):/g, (_m, index: string) => {
        const i = Number(index);
        if (!used.has(i)) used.set(i, used.size + 1);
        return `$${used.get(i)}`;
      });
      return { sql: text, values: [...used.keys()].map((i) => values[i]) };
    },
  };
}

/** The conditions of one kind's three tiers, as SQL over the kind's alias; null when a tier cannot match. */
interface KindSql {
  kind: SearchKind;
  from: string;
  /** the row's keyset columns: a timestamp (newest first) and the id */
  at: string;
  id: string;
  /** the SQL type of `id`, to compare it with the cursor's value */
  idType: 'uuid' | 'int';
  /** the id as text sorting like `id` does (numbers padded), for the merged list */
  idSort: string;
  ref: string;
  title: string;
  detail: string;
  domainKey: string;
  exact: string | null;
  prefix: string | null;
  text: string | null;
}

interface Typed {
  /** the words as a `simple` prefix tsquery, and as an English one for the stemmed documents */
  simple: string | null;
  english: string | null;
  lower: string;
  upper: string;
}

function kindsSql(typed: Typed, raw: string, p: Params): KindSql[] {
  const like = p.add(likePrefix(typed.lower));
  const likeUpper = p.add(likePrefix(typed.upper));
  const words = (column: string) => (typed.simple ? `${column} @@ ${typed.simple}` : null);
  const both = (a: string | null, b: string | null) => (a && b ? `(${a} OR ${b})` : (a ?? b));
  const and = (a: string | null, b: string) => (a ? `(${a} AND ${b})` : null);

  const domainKey = DOMAIN_KEY.test(raw) ? `d.key = ${p.add(typed.upper)}` : null;
  const ticketKey = TICKET_KEY.test(raw) ? `t.key = ${p.add(typed.upper)}` : null;
  // `RET-1`: ticket keys that begin so, on the key's own btree (a range, then the exact LIKE)
  const ticketKeyStart = TICKET_KEY_START.test(raw)
    ? `(t.key >= ${p.add(typed.upper)} AND t.key < ${p.add(prefixEnd(typed.upper))} AND t.key LIKE ${likeUpper})`
    : null;
  const number = INVESTIGATION_NUMBER.exec(raw)?.[1];
  const investigationId =
    number !== undefined && Number(number) <= 2_147_483_647 ? `i.id = ${p.add(Number(number))}` : null;
  const email = raw.includes('@') ? `u.email = ${p.add(typed.lower)}` : null;
  const emailStart = `(u.email >= ${p.add(typed.lower)} AND u.email < ${p.add(prefixEnd(typed.lower))} AND u.email LIKE ${like})`;
  const english = (column: string) => (typed.english ? `${column} @@ ${typed.english}` : null);

  return [
    {
      kind: 'domain',
      from: `"domain" d`,
      at: 'd.created_at',
      id: 'd.id',
      idType: 'uuid',
      idSort: 'd.id::text',
      ref: 'd.key',
      title: 'd.name',
      detail: 'd.stage',
      domainKey: 'd.key',
      exact: domainKey,
      prefix: and(words('d.words'), `(d.key LIKE ${likeUpper} OR lower(d.name) LIKE ${like})`),
      text: words('d.words'),
    },
    {
      kind: 'artifact',
      from: 'artifact a',
      at: 'a.created_at',
      id: 'a.id',
      idType: 'uuid',
      idSort: 'a.id::text',
      ref: 'a.id::text',
      title: 'a.name',
      detail: `a.type || ' · ' || (SELECT name FROM "domain" WHERE id = a.domain_id)`,
      domainKey: `(SELECT key FROM "domain" WHERE id = a.domain_id)`,
      exact: null,
      prefix: and(words('a.name_words'), `lower(a.name) LIKE ${like}`),
      text: both(words('a.name_words'), english('a.search')),
    },
    {
      kind: 'ticket',
      from: 'ticket t',
      at: 't.created_at',
      id: 't.id',
      idType: 'uuid',
      idSort: 't.id::text',
      ref: 't.key',
      title: 't.title',
      detail: `t.key || ' · ' || replace(t.status, '_', ' ')`,
      domainKey: `(SELECT key FROM "domain" WHERE id = t.domain_id)`,
      exact: ticketKey,
      prefix: both(ticketKeyStart, and(words('t.words'), `lower(t.title) LIKE ${like}`)),
      text: words('t.words'),
    },
    {
      kind: 'investigation',
      from: 'investigation i',
      at: 'i.reported_at',
      id: 'i.id',
      idType: 'int',
      idSort: `lpad(i.id::text, 10, '0')`,
      ref: 'i.id::text',
      title: 'i.title',
      detail: `'#' || i.id || ' · ' || i.status || ' · ' || (SELECT key FROM "domain" WHERE id = i.domain_id)`,
      domainKey: `(SELECT key FROM "domain" WHERE id = i.domain_id)`,
      exact: investigationId,
      prefix: and(words('i.title_words'), `lower(i.title) LIKE ${like}`),
      text: both(words('i.title_words'), english('i.search')),
    },
    {
      kind: 'person',
      from: `"user" u`,
      at: 'u.created_at',
      id: 'u.id',
      idType: 'uuid',
      idSort: 'u.id::text',
      ref: 'u.id::text',
      title: 'u.name',
      detail: 'u.email',
      domainKey: 'NULL::varchar',
      exact: email,
      prefix: both(and(words('u.words'), `lower(u.name) LIKE ${like}`), emailStart),
      text: words('u.words'),
    },
  ];
}

type Cursor = { tier: number; kind: number; at: string; id: string };

function parseCursor(cursor: string | undefined): Cursor | null {
  const values = decodeCursor(cursor, 4);
  if (!values) return null;
  const [tier, kind, at, id] = values;
  if (
    typeof tier === 'number' &&
    typeof kind === 'number' &&
    TIERS.some((t) => t.rank === tier) &&
    Number.isInteger(kind) &&
    kind >= 0 &&
    kind < SEARCH_KINDS.length &&
    typeof at === 'string' &&
    TIMESTAMP.test(at) &&
    typeof id === 'string' &&
    (UUID.test(id) || /^\d{1,10}$/.test(id))
  )
    return { tier, kind, at, id };
  throw badRequest('cursor', 'is not valid');
}

/** The rows of one kind in one tier that come after the cursor, as a condition; null when none can. */
function afterCursor(cursor: Cursor | null, tier: number, kindRank: number, sql: KindSql, p: Params): string | null {
  if (!cursor || tier < cursor.tier || (tier === cursor.tier && kindRank > cursor.kind)) return 'true';
  if (tier > cursor.tier || kindRank < cursor.kind) return null;
  if (sql.idType === 'int' && !/^\d+$/.test(cursor.id)) throw badRequest('cursor', 'is not valid');
  if (sql.idType === 'uuid' && !UUID.test(cursor.id)) throw badRequest('cursor', 'is not valid');
  return `(${sql.at}, ${sql.id}) < (${p.add(cursor.at)}::timestamptz, ${p.add(cursor.id)}::${sql.idType === 'int' ? 'int' : 'uuid'})`;
}

interface Row {
  tier: number;
  kind_rank: number;
  kind: SearchKind;
  at: string;
  row_id: string;
  ref: string;
  title: string;
  detail: string;
  domain_key: string | null;
}

/**
 * GET /search: domains, artifacts, tickets, investigations and people in one ranked list: exact
 * keys first (`RET`, `RET-12`, `#64`, an e-mail address), then names that begin with what was
 * typed, then the words anywhere; within a tier by kind (domains, artifacts, tickets,
 * investigations, people), newest first. One statement: each kind and tier reads at most one page
 * on its own index (a btree key, a GIN document, or a newest-first walk for a common word), and
 * the page is cut from their union. Everyone signed in reads everything, so nothing is filtered by
 * role; deactivated people are left out.
 */
export async function search(dataSource: DataSource, query: SearchQueryDto): Promise<SearchResults> {
  const raw = query.q.trim();
  const limit = Math.min(Math.max(query.limit ?? SEARCH_DEFAULT_LIMIT, 1), 50);
  const kinds = query.kinds ? new Set(query.kinds.split(',')) : null;
  const cursor = parseCursor(query.cursor);
  const p = params();
  const words = prefixQuery(raw);
  const typed: Typed = {
    simple: words ? `to_tsquery('simple', ${p.add(words)})` : null,
    english: words ? `to_tsquery('english', ${p.add(words)})` : null,
    lower: raw.toLowerCase(),
    upper: raw.toUpperCase(),
  };
  // The domain's key and name come from scalar subqueries rather than joins: PostgreSQL computes
  // them after each part's ORDER BY … LIMIT, for the rows kept only, and plans fewer joins.
  const parts: string[] = [];
  kindsSql(typed, raw, p).forEach((sql, kindRank) => {
    if (kinds && !kinds.has(sql.kind)) return;
    const better: string[] = [];
    for (const tier of TIERS) {
      const condition = sql[tier.match];
      const after = condition ? afterCursor(cursor, tier.rank, kindRank, sql, p) : null;
      if (condition && after) {
        const where = [condition, ...better.map((c) => `NOT ${c}`), after];
        if (sql.kind === 'person') where.push('u.active');
        parts.push(`(SELECT ${tier.rank} AS tier, ${kindRank} AS kind_rank, '${sql.kind}' AS kind, ${sql.at} AS at,
            ${sql.idSort} AS id_sort, ${sql.id}::text AS row_id, ${sql.ref} AS ref, ${sql.title} AS title, ${sql.detail} AS detail,
            ${sql.domainKey} AS domain_key
          FROM ${sql.from} WHERE ${where.join(' AND ')}
          ORDER BY ${sql.at} DESC, ${sql.id} DESC LIMIT ${fetchSize(limit)})`);
      }
      // a row of a better tier is never repeated in a worse one
      if (condition) better.push(condition);
    }
  });
  if (!parts.length) return { items: [], nextCursor: null };
  const statement = p.bind(
    `SELECT r.tier, r.kind_rank, r.kind, r.at::text AS at, r.row_id, r.ref, r.title, r.detail, r.domain_key
       FROM (${parts.join('\nUNION ALL\n')}) r
      ORDER BY r.tier DESC, r.kind_rank, r.at DESC, r.id_sort DESC LIMIT ${fetchSize(limit)}`,
  );
  const rows: Row[] = await dataSource.query(statement.sql, statement.values);
  const page = keysetPage(rows, limit, (last) => [Number(last.tier), Number(last.kind_rank), last.at, last.row_id]);
  return {
    items: page.rows.map((row) => ({
      kind: row.kind,
      match: TIERS.find((t) => t.rank === Number(row.tier))?.match ?? 'text',
      ref: row.ref,
      title: row.title,
      detail: row.detail,
      domainKey: row.domain_key,
    })),
    nextCursor: page.nextCursor,
  };
}
