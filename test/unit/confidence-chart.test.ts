import type { ConfidenceAssessment, PhaseMarker } from '../../shared/api/confidence';
import { DEFAULT_CONFIDENCE_OPTIONS, assessConfidence } from '../../shared/confidence';
import { confidenceChartModel } from '../../client/src/features/confidence/chart-model';
import { forecastDetail, forecastHeadline, formatRate, isoWeek } from '../../client/src/features/confidence/format';

describe('the client side of the confidence chart and cards', () => {
  it('names ISO weeks as the server does, across year ends', () => {
    expect(isoWeek(new Date('2026-07-17T04:00:00Z'))).toBe('2026-W29');
    expect(isoWeek(new Date('2026-12-28T00:00:00Z'))).toBe('2026-W53');
    expect(isoWeek(new Date('2027-01-13T18:54:22Z'))).toBe('2027-W02');
    expect(isoWeek(new Date('2024-12-30T00:00:00Z'))).toBe('2025-W01');
    expect(isoWeek(new Date('2021-01-03T23:59:00Z'))).toBe('2020-W53');
  });

  it('says "≈ N weeks to confidence", or "Not enough data" with the reason, never a date it was not given', () => {
    const point = (weeksFromNow: number, week: string) => ({
      weeksFromNow,
      weeksFromStart: weeksFromNow + 10,
      date: '2027-01-13T00:00:00.000Z',
      week,
    });
    const ok = {
      status: 'ok' as const,
      ...point(2.6, '2026-W52'),
      reached: false,
      target: 1,
      windowWeeks: 4,
      level: 0.9,
      windowCountThreshold: 0.66,
      earliest: point(1, '2026-W50'),
      latest: null,
    };
    expect(forecastHeadline(ok)).toBe('≈ 3 weeks to confidence');
    expect(forecastHeadline({ ...ok, weeksFromNow: 0.7 })).toBe('≈ 1 week to confidence');
    expect(forecastDetail(ok)).toBe(
      'Expected in W52, W50 at the earliest; the data cannot rule out a rate that never falls to the target (90% range)',
    );
    expect(forecastDetail({ ...ok, latest: point(8, '2027-W06') })).toBe(
      'Expected in W52, between W50 and W06 (90% range)',
    );
    const none = { status: 'insufficient' as const, reason: '1 oddity since the start; the fit needs 3' };
    expect(forecastHeadline(none)).toBe('Not enough data');
    expect(forecastDetail(none)).toBe('1 oddity since the start; the fit needs 3');
    expect(formatRate(0.8453)).toBe('0.85');
    expect(formatRate(2.875)).toBe('2.9');
    expect(formatRate(14.4)).toBe('14');
  });

  it('draws the weeks since hand-off, the fitted curve ahead of now and the markers on one time axis', () => {
    const start = new Date('2026-07-15T12:00:00Z'); // a Wednesday
    const now = new Date('2026-10-21T12:00:00Z');
    const week = 7 * 86_400_000;
    // a decaying rate: 6, 5, 4, … a week, then quiet
    const reportedAt: Date[] = [];
    for (let w = 0; w < 12; w++) {
      for (let k = 0; k < Math.max(0, 6 - w); k++)
        reportedAt.push(new Date(start.getTime() + w * week + (k + 1) * 3_600_000));
    }
    const assessment: ConfidenceAssessment = assessConfidence({
      investigations: reportedAt.map((at) => ({ reportedAt: at, severity: 'medium' as const })),
      start,
      now,
      options: { ...DEFAULT_CONFIDENCE_OPTIONS, target: 1 },
    });
    const markers: PhaseMarker[] = [
      { at: start.toISOString(), week: '2026-W29', kind: 'handoff', stage: 'handoff', label: 'Hand-off' },
      {
        at: '2026-08-20T12:00:00.000Z',
        week: '2026-W34',
        kind: 'phase',
        stage: 'weirdness',
        label: 'Exploring weirdness',
      },
      // before the start (an earlier round): not on this chart
      { at: '2026-06-01T12:00:00.000Z', week: '2026-W23', kind: 'phase', stage: 'scoping', label: 'Scoping' },
    ];
    const model = confidenceChartModel({ ...assessment, markers }, new Map([['2026-W30', 4]]));
    const observed = model.weeks.filter((w) => !w.future);
    expect(observed.map((w) => w.week)).toEqual(assessment.weeks.map((w) => w.week));
    expect(observed.map((w) => w.weighted)).toEqual(assessment.weeks.map((w) => w.weighted));
    expect(observed.find((w) => w.week === '2026-W30')?.openAtWeekEnd).toBe(4);
    expect(observed.find((w) => w.week === '2026-W31')?.openAtWeekEnd).toBeNull();
    expect(model.markers.map((m) => m.kind)).toEqual(['handoff', 'phase']);
    expect(model.markers[0].t).toBe(0);
    expect(model.target).toBe(1);
    // weeks are in order on the axis and the chart ends at or after now
    for (let i = 1; i < model.weeks.length; i++) expect(model.weeks[i].t).toBeGreaterThan(model.weeks[i - 1].t);
    expect(model.tEnd).toBeGreaterThanOrEqual(model.tNow);
    expect([assessment.fit.status, assessment.forecast.status]).toEqual(['ok', 'ok']);
    if (assessment.fit.status === 'ok') {
      expect(observed.map((w) => w.fitted)).toEqual(assessment.fit.expectedWeekly);
      // ahead of now, the fitted weekly counts keep falling
      const ahead = model.weeks.filter((w) => w.future);
      for (let i = 1; i < ahead.length; i++) expect(ahead[i].fitted!).toBeLessThan(ahead[i - 1].fitted!);
    }
    if (assessment.forecast.status === 'ok') {
      expect(model.forecast?.t).toBe(assessment.forecast.weeksFromStart);
    } else {
      expect(model.forecast).toBeNull();
    }
  });
});
