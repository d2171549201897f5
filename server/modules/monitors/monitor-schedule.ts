import { CronExpressionParser } from 'cron-parser';

/** The next time a cron expression (UTC) fires after `after`, or null when it never does. */
export function nextCronTime(schedule: string, after: Date): Date | null {
  try {
    const expression = CronExpressionParser.parse(schedule, { currentDate: after, tz: 'UTC' });
    return expression.hasNext() ? expression.next().toDate() : null;
  } catch {
    return null;
  }
}

/** Why a schedule cannot be used, or null: five fields, and not more often than every minute. */
export function scheduleProblem(schedule: string): string | null {
  const fields = schedule.trim().split(/\s+/);
  if (fields.length !== 5) return 'must be a cron expression of five fields (minute hour day month weekday), in UTC';
  try {
    CronExpressionParser.parse(schedule, { tz: 'UTC' });
  } catch (error) {
    return `is not a valid cron expression: ${(error as Error).message}`;
  }
  return null;
}
