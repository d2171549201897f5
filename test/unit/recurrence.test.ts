import { daysInMonth, describeRecurrence, matchesRecurrence } from '../../shared/monitors/recurrence';

describe('matchesRecurrence', () => {
  it('yearly: the same calendar date every year, Feb 29 only in leap years', () => {
    const christmas = { kind: 'yearly', month: 12, day: 25 } as const;
    expect(matchesRecurrence(christmas, '2025-12-25')).toBe(true);
    expect(matchesRecurrence(christmas, '2026-12-25')).toBe(true);
    expect(matchesRecurrence(christmas, '2025-12-24')).toBe(false);
    expect(matchesRecurrence(christmas, '2025-11-25')).toBe(false);
    const leapDay = { kind: 'yearly', month: 2, day: 29 } as const;
    expect(matchesRecurrence(leapDay, '2024-02-29')).toBe(true);
    expect(matchesRecurrence(leapDay, '2028-02-29')).toBe(true);
    expect(matchesRecurrence(leapDay, '2025-02-28')).toBe(false);
    expect(matchesRecurrence(leapDay, '2025-03-01')).toBe(false);
  });

  it('weekday: 0 is Sunday', () => {
    expect(matchesRecurrence({ kind: 'weekday', weekday: 0 }, '2025-12-07')).toBe(true); // a Sunday
    expect(matchesRecurrence({ kind: 'weekday', weekday: 1 }, '2025-12-08')).toBe(true);
    expect(matchesRecurrence({ kind: 'weekday', weekday: 1 }, '2025-12-07')).toBe(false);
  });

  it('dayOfMonth: a day past the end of a shorter month matches its last day', () => {
    const last = { kind: 'dayOfMonth', day: 31 } as const;
    expect(matchesRecurrence(last, '2025-01-31')).toBe(true);
    expect(matchesRecurrence(last, '2025-04-30')).toBe(true);
    expect(matchesRecurrence(last, '2025-04-29')).toBe(false);
    expect(matchesRecurrence(last, '2025-02-28')).toBe(true);
    expect(matchesRecurrence(last, '2024-02-28')).toBe(false); // leap year: Feb has a 29th
    expect(matchesRecurrence(last, '2024-02-29')).toBe(true);
    const thirtieth = { kind: 'dayOfMonth', day: 30 } as const;
    expect(matchesRecurrence(thirtieth, '2025-01-30')).toBe(true);
    expect(matchesRecurrence(thirtieth, '2025-01-31')).toBe(false);
    expect(matchesRecurrence(thirtieth, '2025-02-28')).toBe(true);
    const first = { kind: 'dayOfMonth', day: 1 } as const;
    expect(matchesRecurrence(first, '2025-03-01')).toBe(true);
    expect(matchesRecurrence(first, '2025-03-02')).toBe(false);
  });

  it('range: inclusive of both ends, across a year end', () => {
    const holidays = { kind: 'range', from: '2025-12-24', to: '2026-01-02' } as const;
    expect(matchesRecurrence(holidays, '2025-12-24')).toBe(true);
    expect(matchesRecurrence(holidays, '2025-12-31')).toBe(true);
    expect(matchesRecurrence(holidays, '2026-01-02')).toBe(true);
    expect(matchesRecurrence(holidays, '2025-12-23')).toBe(false);
    expect(matchesRecurrence(holidays, '2026-01-03')).toBe(false);
  });

  it('takes an ISO datetime at its UTC date, and matches nothing for a date that does not exist', () => {
    expect(matchesRecurrence({ kind: 'yearly', month: 12, day: 25 }, '2025-12-25T23:30:00Z')).toBe(true);
    expect(matchesRecurrence({ kind: 'yearly', month: 12, day: 25 }, '2025-12-25T23:30:00-05:00')).toBe(false);
    expect(matchesRecurrence({ kind: 'dayOfMonth', day: 30 }, '2025-02-30')).toBe(false);
    expect(matchesRecurrence({ kind: 'weekday', weekday: 1 }, 'not a date')).toBe(false);
  });

  it('knows month lengths, leap years included', () => {
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2025, 2)).toBe(28);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2025, 12)).toBe(31);
  });
});

describe('describeRecurrence', () => {
  it('says each recurrence in words', () => {
    expect(describeRecurrence({ kind: 'yearly', month: 12, day: 25 })).toBe('every Dec 25');
    expect(describeRecurrence({ kind: 'weekday', weekday: 1 })).toBe('every Monday');
    expect(describeRecurrence({ kind: 'weekday', weekday: 0 })).toBe('every Sunday');
    expect(describeRecurrence({ kind: 'dayOfMonth', day: 1 })).toBe('the 1st of every month');
    expect(describeRecurrence({ kind: 'dayOfMonth', day: 22 })).toBe('the 22nd of every month');
    expect(describeRecurrence({ kind: 'dayOfMonth', day: 13 })).toBe('the 13th of every month');
    expect(describeRecurrence({ kind: 'dayOfMonth', day: 30 })).toBe('the 30th of every month (or its last day)');
    expect(describeRecurrence({ kind: 'dayOfMonth', day: 31 })).toBe('the last day of every month');
    expect(describeRecurrence({ kind: 'range', from: '2025-12-24', to: '2026-01-02' })).toBe(
      'from 2025-12-24 to 2026-01-02',
    );
  });
});
