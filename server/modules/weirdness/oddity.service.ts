import type { EntityManager } from 'typeorm';
import type { OddityRateView, OddityWeek } from '../../../shared/api/investigations';
import type { AppDeps } from '../../http/deps';
import { findDomain } from '../domains/domain-access';

export const DEFAULT_ODDITY_WEEKS = 12;

const HOUR_MS = 3600_000;
const WEEK_MS = 7 * 24 * HOUR_MS;

/** Monday 00:00 UTC of the ISO week containing `now`. */
export function isoWeekStart(now: Date): Date {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - sinceMonday * 24 * HOUR_MS);
}

/** Start of the first of `weeks` UTC ISO weeks that end with the week of `now`. */
function firstWeekStart(weeks: number, now: Date): Date {
  return new Date(isoWeekStart(now).getTime() - (weeks - 1) * WEEK_MS);
}

/**
 * The weeks as rows: week n runs from $first + 168n hours to $first + 168(n+1) hours. Hours, not
 * days, so a session time zone with daylight saving cannot shift the UTC boundaries.
 */
const WEEKS_CTE = `
  weeks AS (
    SELECT n,
           CAST($1 AS timestamptz) + make_interval(hours => 168 * n) AS ws,
           CAST($1 AS timestamptz) + make_interval(hours => 168 * (n + 1)) AS we
      FROM generate_series(0, CAST($2 AS int) - 1) AS g(n)
  )`;

interface OddityRow {
  week: string;
  weekStart: string;
  low: number;
  medium: number;
  high: number;
  critical: number;
  byMonitor: number;
  resolved: number;
  openAtWeekEnd: number;
  medianHoursToTriage: number | string | null;
  medianHoursToResolve: number | string | null;
}

const hours = (value: number | string | null): number | null =>
  value === null ? null : Math.round(Number(value) * 100) / 100;

/**
 * The weekly oddity series of one domain in one query: weeks come from generate_series, so a week
 * without investigations is a row of zeros. Every investigation reported before a week's end is
 * joined to that week; FILTER picks what each column counts.
 */
export async function oddityRate(
  tx: EntityManager,
  domain: { id: string; key: string },
  weeks: number,
  now: Date,
): Promise<OddityRateView> {
  const rows: OddityRow[] = await tx.query(
    `WITH ${WEEKS_CTE}
     SELECT to_char(w.ws AT TIME ZONE 'UTC', 'IYYY-"W"IW') AS week,
            to_char(w.ws AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS "weekStart",
            count(i.id) FILTER (WHERE i.reported_at >= w.ws AND i.severity = 'low')::int AS low,
            count(i.id) FILTER (WHERE i.reported_at >= w.ws AND i.severity = 'medium')::int AS medium,
            count(i.id) FILTER (WHERE i.reported_at >= w.ws AND i.severity = 'high')::int AS high,
            count(i.id) FILTER (WHERE i.reported_at >= w.ws AND i.severity = 'critical')::int AS critical,
            count(i.id) FILTER (WHERE i.reported_at >= w.ws AND i.monitor_id IS NOT NULL)::int AS "byMonitor",
            count(i.id) FILTER (WHERE i.status = 'resolved' AND i.closed_at >= w.ws AND i.closed_at < w.we)::int AS resolved,
            count(i.id) FILTER (WHERE i.closed_at IS NULL OR i.closed_at >= w.we)::int AS "openAtWeekEnd",
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM i.triaged_at - i.reported_at) / 3600)
              FILTER (WHERE i.triaged_at >= w.ws AND i.triaged_at < w.we) AS "medianHoursToTriage",
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM i.closed_at - i.reported_at) / 3600)
              FILTER (WHERE i.status = 'resolved' AND i.closed_at >= w.ws AND i.closed_at < w.we) AS "medianHoursToResolve"
       FROM weeks w
       LEFT JOIN investigation i ON i.domain_id = $3 AND i.reported_at < w.we
      GROUP BY w.n, w.ws
      ORDER BY w.n`,
    [firstWeekStart(weeks, now), weeks, domain.id],
  );
  return {
    domainKey: domain.key,
    weeks: rows.map((row): OddityWeek => ({
      week: row.week,
      weekStart: row.weekStart,
      newBySeverity: { low: row.low, medium: row.medium, high: row.high, critical: row.critical },
      newTotal: row.low + row.medium + row.high + row.critical,
      newByMonitor: row.byMonitor,
      resolved: row.resolved,
      openAtWeekEnd: row.openAtWeekEnd,
      medianHoursToTriage: hours(row.medianHoursToTriage),
      medianHoursToResolve: hours(row.medianHoursToResolve),
    })),
  };
}

/**
 * New investigations per UTC ISO week for many domains in one query (the board's sparkline):
 * domain id → counts, oldest week first, ending with the week of `now`. Unknown ids get zeros.
 */
export async function weeklyNewCounts(
  tx: EntityManager,
  domainIds: string[],
  weeks: number,
  now: Date,
): Promise<Map<string, number[]>> {
  const result = new Map<string, number[]>();
  if (!domainIds.length) return result;
  const rows: { domainId: string; n: number; count: number }[] = await tx.query(
    `WITH ${WEEKS_CTE}
     SELECT d.id AS "domainId", w.n, count(i.id)::int AS count
       FROM unnest(CAST($3 AS uuid[])) AS d(id)
      CROSS JOIN weeks w
       LEFT JOIN investigation i ON i.domain_id = d.id AND i.reported_at >= w.ws AND i.reported_at < w.we
      GROUP BY d.id, w.n
      ORDER BY d.id, w.n`,
    [firstWeekStart(weeks, now), weeks, domainIds],
  );
  for (const id of domainIds) result.set(id, new Array<number>(weeks).fill(0));
  for (const row of rows) {
    const list = result.get(row.domainId);
    if (list) list[row.n] = row.count;
  }
  return result;
}

/** GET /domains/:key/oddity-rate */
export async function domainOddityRate(
  deps: AppDeps,
  key: string,
  weeks = DEFAULT_ODDITY_WEEKS,
): Promise<OddityRateView> {
  const em = deps.dataSource.manager;
  return oddityRate(em, await findDomain(em, key), weeks, deps.now());
}
