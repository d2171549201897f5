import type { User } from '../modules/users/user.entity';
import type { StoryBook } from './story-builder';
import { RETENTION_AFTER_HANDOFF, RETENTION_IN_CONFIDENCE } from './story-oddities';
import { oddity, passGate, settled } from './story-steps';
import { signGate } from './story-gates';

/**
 * RET is at the last gate: oddities rose after hand-off and faded, the product lead approved the
 * confidence gate, then a new high investigation made that approval stale.
 */
export function retentionStory(book: StoryBook, u: Record<string, User>): void {
  const { dana, priya, sam, omar, lee } = u;
  const ago = (days: number, minutes = 0) => book.ago(days, minutes);
  const d = book.domain(ago(170), dana, {
    key: 'RET',
    name: 'Retention metrics',
    description:
      'D7/D30 retention and weekly active retention. Three teams used to report three different retention numbers; this domain gives one definition everybody can use.',
  });
  d.member(ago(170, 5), dana, dana, ['ds_lead']);
  d.member(ago(170, 6), dana, priya, ['product_lead']);
  d.member(ago(170, 7), dana, sam, ['sponsor']);
  d.member(ago(169), dana, omar, ['contributor']);

  // Gathering specs
  const threeTruths = d.on(ago(169, 30), () =>
    d.ticket(ago(169, 30), dana, {
      kind: 'problem',
      title: 'Three teams report three different D30 retention numbers',
      body: 'Growth says **41%**, product analytics says **37%**, the board deck says **44%**.\n\nEach team has its own truth, and leadership cannot interpret any retention analysis.',
      priority: 'high',
      labels: ['d30'],
    }),
  );
  const concern = d.on(ago(168), () =>
    d.ticket(ago(168), priya, {
      kind: 'concern',
      title: 'Retention analyses draw conclusions from two weeks of data',
      body: 'Source: Q2 leadership offsite. Two launch decisions were based on retention curves of 14-day-old cohorts.',
      labels: ['source:leadership'],
    }),
  );
  const growth = d.on(ago(167), () =>
    d.ticket(ago(167), dana, { kind: 'stakeholder', title: 'Growth team: acquisition experiments read D7' }),
  );
  const leadership = d.on(ago(167, 5), () =>
    d.ticket(ago(167, 5), dana, {
      kind: 'stakeholder',
      title: 'Leadership (Lee): quarterly retention review',
      assignee: lee,
    }),
  );
  d.on(ago(160), () =>
    d.comment(
      ago(160),
      priya,
      threeTruths.v,
      'The 44% in the deck counts a user as retained if they **opened an email**. That explains most of the gap.',
    ),
  );
  d.on(ago(155), () => {
    for (const [i, t] of [threeTruths, concern, growth, leadership].entries())
      d.updateTicket(t.v, ago(155, i), dana, { status: 'done' });
  });
  passGate(book, d, 152, dana, [
    [dana, 'ds_lead', 'The gap has three causes; all three are now scoping tickets.', 0.5],
  ]);

  // Scoping
  const active = d.on(ago(151), () =>
    d.ticket(ago(151), dana, {
      kind: 'exploration',
      title: 'What counts as an active user?',
      assignee: dana,
      priority: 'high',
    }),
  );
  const cohort = d.on(ago(149), () =>
    d.ticket(ago(149), dana, {
      kind: 'exploration',
      title: 'Cohort by signup date or by first session?',
      assignee: omar,
    }),
  );
  const d7 = d.on(ago(140), () =>
    d.artifact(ago(140), dana, {
      type: 'metric',
      name: 'D7 retention',
      details: {
        definition: 'Share of a signup cohort with at least one core action on day 7 (±0), UTC days.',
        formula: 'COUNT(DISTINCT user_id) FILTER (WHERE day_n = 7 AND core_action) / cohort_size',
        grain: 'signup cohort (day)',
      },
    }),
  );
  const weekly = d.on(ago(138), () =>
    d.artifact(ago(138), dana, {
      type: 'metric',
      name: 'Weekly active retention',
      details: {
        definition: "Share of last week's active users active again this ISO week.",
        formula: 'active_this_week ∩ active_last_week / active_last_week',
        grain: 'ISO week',
      },
    }),
  );
  const activity = d.on(ago(135), () =>
    d.artifact(ago(135), omar, {
      type: 'dataset',
      name: 'analytics.user_activity_daily',
      details: { location: 'warehouse.analytics.user_activity_daily', grain: 'user × day', refresh: 'hourly' },
    }),
  );
  const cohorts = d.on(ago(130), () =>
    d.artifact(ago(130), omar, {
      type: 'dataset',
      name: 'analytics.retention_cohorts',
      details: {
        location: 'warehouse.analytics.retention_cohorts',
        grain: 'signup cohort × day_n',
        refresh: 'daily 06:00 UTC',
      },
    }),
  );
  d.on(ago(125), () =>
    d.artifact(ago(125), dana, {
      type: 'analysis',
      name: 'Did the onboarding redesign change D7?',
      status: 'ready',
      details: {
        link: 'https://notebooks.example.com/retention/onboarding-redesign-d7',
        question: 'Did D7 move after the redesign, beyond seasonality?',
      },
    }),
  );
  d.on(ago(118), () =>
    d.artifact(ago(118), omar, {
      type: 'analysis',
      name: 'Retention by acquisition channel',
      status: 'ready',
      details: {
        link: 'https://notebooks.example.com/retention/by-channel',
        question: 'Which channels bring users who stay?',
      },
    }),
  );
  d.on(ago(112), () => {
    d.updateTicket(active.v, ago(112), dana, { status: 'done' });
    d.updateTicket(cohort.v, ago(112, 5), omar, { status: 'done' });
    d.setArtifactStatus(d7.v, ago(111), dana, 'ready');
    d.setArtifactStatus(weekly.v, ago(111, 5), dana, 'ready');
    d.setArtifactStatus(activity.v, ago(110), omar, 'ready');
    d.setArtifactStatus(cohorts.v, ago(110, 5), omar, 'ready');
  });
  passGate(book, d, 106, dana, [
    [dana, 'ds_lead', 'One definition of active, two datasets, two worked analyses.', 2],
    [priya, 'product_lead', 'The channel analysis is exactly what product needs as a template.', 1],
  ]);

  // Product hand-off
  const pairing = d.on(ago(105), () =>
    d.ticket(ago(105), dana, { kind: 'session', title: 'Pairing: growth PMs on retention_cohorts', assignee: dana }),
  );
  const office = d.on(ago(103), () =>
    d.ticket(ago(103), dana, { kind: 'session', title: 'Office hours: reading cohort curves', assignee: omar }),
  );
  const byTier = d.on(ago(102), () =>
    d.ticket(ago(102), priya, { kind: 'request', title: 'Retention by plan tier', priority: 'high', assignee: omar }),
  );
  d.on(ago(100), () =>
    d.ticket(ago(100), priya, {
      kind: 'request',
      title: 'Export cohorts to the BI tool',
      priority: 'low',
      labels: ['bi'],
      dueInDays: 14,
    }),
  );
  d.on(ago(98), () => d.updateTicket(pairing.v, ago(98), dana, { status: 'done' }));
  d.on(ago(92), () => d.updateTicket(office.v, ago(92), omar, { status: 'done' }));
  d.on(ago(86), () => d.updateTicket(byTier.v, ago(86), omar, { status: 'done' }));
  passGate(book, d, 80, dana, [
    [dana, 'ds_lead', 'Two sessions held; product built its own tier dashboard.', 2],
    [priya, 'product_lead', 'Comfortable with the cohorts. Bring on the weirdness.', 1],
  ]);

  // The rise after hand-off, then the decline
  oddity(book, d, {
    day: 99,
    by: priya,
    title: 'Weekly retention dips every year in the week of Dec 25',
    observed:
      "Weekly active retention of last year's cohorts drops about 12 points in the week of Dec 25, in every year of history.",
    expected: 'A flat weekly retention curve.',
    artifact: weekly,
    severity: 'medium',
    triage: { after: 1, by: dana, investigator: dana },
    investigating: 2,
    comments: [
      {
        after: 3,
        by: dana,
        body: 'Same dip in 2022, 2023 and 2024, in every country that celebrates Christmas. Not in Japan.',
      },
    ],
    resolve: {
      after: 5,
      by: dana,
      rootCause: 'expected',
      resolution:
        'Holiday behaviour: people do not work in our app over Christmas. Real, and recovers the following week.',
      caveat: {
        artifact: weekly,
        text: 'Weekly retention dips every Dec 25: real behaviour (holidays), recovers the week after.',
      },
    },
  });
  oddity(book, d, {
    day: 96,
    by: priya,
    title: 'D7 retention 100% for some cohorts',
    observed: 'Cohorts of Feb 29 and three other days show 100% D7 retention.',
    artifact: cohorts,
    severity: 'high',
    triage: { after: 0.5, by: dana, investigator: omar },
    investigating: 1,
    followUp: {
      after: 1,
      by: omar,
      ticket: { kind: 'task', title: 'Exclude QA bot signups from cohorts', priority: 'high', assignee: omar },
      doneAfter: 3,
    },
    resolve: {
      after: 3.5,
      by: omar,
      rootCause: 'data_bug',
      resolution: 'QA bot accounts (tiny cohorts) were not flagged internal. Excluded.',
    },
  });
  oddity(book, d, {
    day: 90,
    by: omar,
    title: 'D30 for the iOS cohort of June is missing',
    observed: 'No D30 value for iOS signups in June.',
    artifact: cohorts,
    severity: 'medium',
    triage: { after: 1, by: dana, investigator: dana },
    followUp: {
      after: 2,
      by: dana,
      ticket: {
        kind: 'data_collection',
        title: 'Backfill iOS session events lost in the June SDK upgrade',
        assignee: omar,
        priority: 'medium',
      },
      doneAfter: 12,
    },
    resolve: {
      after: 12,
      by: dana,
      rootCause: 'collection_gap',
      resolution: 'The SDK upgrade dropped session events for 9 days; backfilled from server logs.',
    },
  });
  oddity(book, d, {
    day: 84,
    by: priya,
    title: 'Retention by channel does not add up to total retention',
    observed: 'The channel breakdown averages to 39%, the total says 37%.',
    severity: 'medium',
    triage: { after: 1, by: dana, investigator: dana },
    resolve: {
      after: 4,
      by: dana,
      rootCause: 'definition',
      resolution: 'Users with several channels were counted once per channel. Channel is now first touch only.',
      caveat: { artifact: d7, text: 'By channel, a user counts in their first-touch channel only.' },
    },
  });
  settled(book, d, dana, u, RETENTION_AFTER_HANDOFF);
  passGate(book, d, 18, dana, [
    [dana, 'ds_lead', 'One low oddity in the last four weeks; everything triaged.', 2],
    [priya, 'product_lead', 'Product trusts these numbers.', 1],
  ]);
  settled(book, d, dana, u, RETENTION_IN_CONFIDENCE);

  // Confidence: the product lead approves, then a new high investigation makes it stale.
  d.on(ago(6), () =>
    signGate(
      d,
      ago(6),
      priya,
      'product_lead',
      'approve',
      'Product has self-served retention for two months and the numbers hold up.',
    ),
  );
  oddity(book, d, {
    day: 3,
    by: omar,
    title: 'Android D7 retention drops 9 points after release 5.2',
    observed: 'D7 for Android cohorts since Nov 18 is 28% instead of 37%. iOS is unchanged.',
    expected: 'No change: release 5.2 did not touch onboarding.',
    artifact: d7,
    severity: 'high',
    triage: { after: 0.5, by: dana, investigator: dana },
    investigating: 1,
    comments: [
      {
        after: 1.2,
        by: dana,
        body: 'Session events from 5.2 arrive with `platform = null`. Checking whether they are dropped or misattributed.',
      },
    ],
  });
  d.play();
}
