/**
 * Static checks on a monitor's or a preview's SQL, before it reaches a source. They are the first
 * line only: the query also runs in a READ ONLY transaction (PostgreSQL) or on a database opened
 * read-only with external access locked (DuckDB), as a role that should hold SELECT only.
 */

/** Words that start or hide a statement that changes something, or reads outside the query. */
const REFUSED_WORDS = [
  // data-modifying CTEs and SELECT … INTO hide a write inside a query
  'insert', 'update', 'delete', 'merge', 'truncate', 'into',
  'create', 'drop', 'alter', 'grant', 'revoke', 'vacuum',
  // statements of their own (one statement is allowed, starting with SELECT or WITH; these would
  // only appear after a second statement, which is refused first, but say so plainly)
  'copy', 'attach', 'detach', 'install', 'load', 'import', 'export', 'checkpoint', 'pragma', 'set', 'reset',
  'call', 'execute', 'lock',
]
/** Functions that write, signal or read files of the server even inside a SELECT. */
const REFUSED_FUNCTIONS = [
  'pg_read_file', 'pg_read_binary_file', 'pg_ls_dir', 'pg_stat_file', 'lo_import', 'lo_export', 'lo_from_bytea',
  'pg_terminate_backend', 'pg_cancel_backend', 'pg_reload_conf', 'pg_rotate_logfile', 'set_config', 'dblink',
  'dblink_exec', 'pg_advisory_lock', 'pg_advisory_xact_lock', 'nextval', 'setval', 'txid_current',
  'read_text', 'read_blob', 'glob', 'getenv',
];

export const MAX_SQL_LENGTH = 20_000;

/**
 * The SQL with comments, string literals and quoted identifiers blanked out, so that words in them
 * neither trip nor slip past the checks. Unterminated literals are a refusal of their own.
 */
export function blankLiterals(sql: string): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    const next = sql[i + 1];
    if (c === '-' && next === '-') {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? sql.length : end;
      out += ' ';
    } else if (c === '/' && next === '*') {
      const end = sql.indexOf('*/', i + 2);
      if (end === -1) throw new SqlRefusal('has an unterminated /* comment');
      i = end + 2;
      out += ' ';
    } else if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < sql.length) {
        if (sql[j] === c && sql[j + 1] === c) j += 2;
        else if (sql[j] === c) break;
        else j++;
      }
      if (j >= sql.length) throw new SqlRefusal('has an unterminated quote');
      out += c === "'" ? "''" : '"q"';
      i = j + 1;
    } else if (c === '$') {
      // PostgreSQL dollar quoting: $$…$$ or $tag$…$tag$
      const tag = /^\$[A-Za-z_]*\$/.exec(sql.slice(i));
      if (!tag) {
        out += c;
        i++;
        continue;
      }
      const end = sql.indexOf(tag[0], i + tag[0].length);
      if (end === -1) throw new SqlRefusal('has an unterminated dollar quote');
      out += "''";
      i = end + tag[0].length;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** Why a query is refused; the router answers it as a 400 on `sql`. */
export class SqlRefusal extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'SqlRefusal';
  }
}

/**
 * One read-only statement (SELECT, WITH … SELECT, VALUES, TABLE) or a SqlRefusal saying why not.
 * Returns the statement without a trailing semicolon, ready to be wrapped in the row cap.
 */
export function checkReadOnlySql(sql: string): string {
  if (!sql.trim()) throw new SqlRefusal('is empty');
  if (sql.length > MAX_SQL_LENGTH) throw new SqlRefusal(`is longer than ${MAX_SQL_LENGTH} characters`);
  if (sql.includes('\0')) throw new SqlRefusal('contains a NUL character');
  const blank = blankLiterals(sql).trim().replace(/;\s*$/, '');
  if (blank.includes(';')) throw new SqlRefusal('must be a single statement (no ";" between statements)');
  const words = blank.toLowerCase().match(/[a-z_][a-z0-9_$]*/g) ?? [];
  const first = words[0];
  if (!first || !['select', 'with', 'values', 'table', 'from'].includes(first))
    throw new SqlRefusal('must be a read-only query starting with SELECT or WITH');
  const write = words.find((word) => REFUSED_WORDS.includes(word));
  if (write) throw new SqlRefusal(`may only read: ${write.toUpperCase()} is not allowed`);
  const lowered = blank.toLowerCase();
  const fn = REFUSED_FUNCTIONS.find((name) => new RegExp(`\\b${name}\\s*\\(`).test(lowered));
  if (fn) throw new SqlRefusal(`may not call ${fn}()`);
  return sql.trim().replace(/;\s*$/, '');
}
