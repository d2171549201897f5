import type { DataSource, EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * Lists that grow with the years (the audit log, investigations across domains) count their
 * matches only this far, as GitHub's "1,000+" does: counting every one of a million matching rows
 * would make each page cost as much as the whole table.
 */
export const COUNT_CAP = 1000;

/**
 * With `estimate`, a filter the planner expects to match more than this many times COUNT_CAP rows
 * is answered "COUNT_CAP+" from the planner's statistics without counting. Counting even up to the
 * cap costs COUNT_CAP divided by the share of rows that match (a word in one investigation of ten:
 * ten thousand rows read), which a full-text match cannot get from an index in order.
 */
export const ESTIMATE_FACTOR = 5;

export interface CappedCount {
  total: number;
  totalCapped: boolean;
}

/**
 * How many rows the filtered query matches, up to COUNT_CAP: the database stops after
 * COUNT_CAP + 1 rows, so the cost does not grow with the data. `totalCapped` tells there are more.
 */
export async function cappedCount(
  manager: DataSource | EntityManager,
  qb: SelectQueryBuilder<ObjectLiteral>,
  options: { estimate?: boolean } = {},
): Promise<CappedCount> {
  const matches = qb.clone().select('1', 'one').orderBy();
  if (options.estimate) {
    const [sql, parameters] = matches.getQueryAndParameters();
    const [plan]: { 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }[] = await manager.query(
      `EXPLAIN (FORMAT JSON) ${sql}`,
      parameters,
    );
    if (plan['QUERY PLAN'][0].Plan['Plan Rows'] > ESTIMATE_FACTOR * COUNT_CAP) {
      return { total: COUNT_CAP, totalCapped: true };
    }
  }
  const [sql, parameters] = matches.limit(COUNT_CAP + 1).getQueryAndParameters();
  const [row]: { n: number }[] = await manager.query(`SELECT count(*)::int AS n FROM (${sql}) matches`, parameters);
  const n = row?.n ?? 0;
  return { total: Math.min(n, COUNT_CAP), totalCapped: n > COUNT_CAP };
}
