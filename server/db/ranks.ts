import { PRIORITIES, SEVERITIES } from '../../shared/api/enums';

/**
 * How serious a ticket priority or investigation severity is, as one SQL expression: its position
 * in PRIORITIES / SEVERITIES (low = 1 … critical = 4), so "most serious first" is always
 * `ORDER BY <rank> DESC` and every query ranks alike.
 */
function rankSql(column: string, levels: readonly string[]): string {
  return `(CASE ${column} ${levels.map((level, i) => `WHEN '${level}' THEN ${i + 1}`).join(' ')} ELSE 0 END)`;
}

export const priorityRank = (column: string): string => rankSql(column, PRIORITIES);
export const severityRank = (column: string): string => rankSql(column, SEVERITIES);

/** The same rank in JavaScript, for a keyset cursor that pages over `priorityRank`. */
export const priorityRankOf = (priority: string): number => (PRIORITIES as readonly string[]).indexOf(priority) + 1;
