import type { DataSource, EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * Lists that grow with the years (the audit log, investigations across domains) count their
 * matches only this far, as GitHub's "1,000+" does: counting every one of a million matching rows
 * would make each page cost as much as the whole table.
 */
export const COUNT_CAP = 1000;

/**
 * How many rows the filtered query matches, up to COUNT_CAP: the database stops after
 * COUNT_CAP + 1 rows, so the cost does not grow with the data. `totalCapped` tells there are more.
 */
export async function cappedCount(
  manager: DataSource | EntityManager,
  qb: SelectQueryBuilder<ObjectLiteral>,
): Promise<{ total: number; totalCapped: boolean }> {
  const [sql, parameters] = qb
    .clone()
    .select('1', 'one')
    .orderBy()
    .limit(COUNT_CAP + 1)
    .getQueryAndParameters();
  const [row]: { n: number }[] = await manager.query(`SELECT count(*)::int AS n FROM (${sql}) matches`, parameters);
  const n = row?.n ?? 0;
  return { total: Math.min(n, COUNT_CAP), totalCapped: n > COUNT_CAP };
}
