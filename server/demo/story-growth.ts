import type { User } from '../modules/users/user.entity';
import type { StoryBook } from './story-builder';
import { GROWTH_FIRST_WEIRDNESS, GROWTH_SECOND_HANDOFF, GROWTH_SECOND_WEIRDNESS } from './story-oddities';
import { oddity, passGate, settled } from './story-steps';
import { recycleDomain, signGate } from './story-gates';

/**
 * GROW shows the recycle: weirdness proved that app signups carry no source, so the domain went
 * back to scoping to collect it, passed scoping and hand-off again (round 2), and is now in the
 * rise of oddities that follows a hand-off.
 */
export function growthStory(book: StoryBook, u: Record<string, User>): void {
  const { dana, priya, omar, lee } = u;
  const ago = (days: number, minutes = 0) => book.ago(days, minutes);
  const d = book.domain(ago(150), priya, {
    key: 'GROW',
    name: 'Growth funnel',
    description: 'Visit → signup → activation → paid. The funnel every growth experiment reads.',
  });
  d.member(ago(150, 5), priya, dana, ['ds_lead']);
  d.member(ago(150, 6), priya, priya, ['product_lead']);
  d.member(ago(150, 7), priya, lee, ['sponsor']);
  d.member(ago(149), priya, omar, ['contributor']);

  // Gathering specs
  const problem = d.on(ago(149, 10), () =>
    d.ticket(ago(149, 10), priya, {
      kind: 'problem',
      title: 'Each growth experiment defines activation differently',
      body: 'Six experiments last quarter, four activation definitions. Results cannot be compared.',
      priority: 'high',
    }),
  );
  const concern = d.on(ago(147), () =>
    d.ticket(ago(147), priya, {
      kind: 'concern',
      title: 'Signup counts differ between marketing and product by 20%',
      body: 'Source: weekly growth review, raised by marketing.',
      labels: ['source:growth-review'],
    }),
  );
  const stakeholder = d.on(ago(146), () =>
    d.ticket(ago(146), priya, { kind: 'stakeholder', title: 'Growth squad and marketing ops' }),
  );
  d.on(ago(140), () => {
    for (const [i, t] of [problem, concern, stakeholder].entries())
      d.updateTicket(t.v, ago(140, i), dana, { status: 'done' });
  });
  passGate(book, d, 136, dana, [[dana, 'ds_lead', 'Activation definition is the core problem.', 0.5]]);

  // Scoping, round 1
  const activation = d.on(ago(130), () =>
    d.artifact(ago(130), dana, {
      type: 'metric',
      name: 'Activation rate',
      details: {
        definition: 'Share of signups who create a first project and invite a teammate within 7 days.',
        formula: 'activated_7d / signups',
        grain: 'signup week',
      },
    }),
  );
  const funnel = d.on(ago(125), () =>
    d.artifact(ago(125), omar, {
      type: 'dataset',
      name: 'growth.funnel_events',
      details: { location: 'warehouse.growth.funnel_events', grain: 'user × funnel step', refresh: 'hourly' },
    }),
  );
  d.on(ago(118), () =>
    d.artifact(ago(118), dana, {
      type: 'analysis',
      name: 'Where do web signups drop?',
      status: 'ready',
      details: {
        link: 'https://notebooks.example.com/growth/web-dropoff',
        question: 'Which funnel step loses the most web visitors?',
      },
    }),
  );
  d.on(ago(112), () =>
    d.artifact(ago(112), omar, {
      type: 'analysis',
      name: 'Activation by signup source',
      status: 'ready',
      details: {
        link: 'https://notebooks.example.com/growth/activation-by-source',
        question: 'Do paid signups activate less?',
      },
    }),
  );
  d.on(ago(105), () => {
    d.setArtifactStatus(activation.v, ago(105), dana, 'ready');
    d.setArtifactStatus(funnel.v, ago(105, 5), omar, 'ready');
  });
  passGate(book, d, 100, dana, [
    [dana, 'ds_lead', 'Web funnel is solid.', 2],
    [priya, 'product_lead', 'Good enough to start.', 1],
  ]);

  // Hand-off, round 1
  const session = d.on(ago(98), () =>
    d.ticket(ago(98), dana, { kind: 'session', title: 'Pairing: growth squad on funnel_events', assignee: dana }),
  );
  d.on(ago(88), () => d.updateTicket(session.v, ago(88), dana, { status: 'done' }));
  passGate(book, d, 82, dana, [
    [dana, 'ds_lead', 'Squad is running its own funnel queries.', 2],
    [priya, 'product_lead', 'Comfortable.', 1],
  ]);

  // Weirdness, round 1: the oddity that sends the domain back
  settled(book, d, dana, u, GROWTH_FIRST_WEIRDNESS);
  const noSource = oddity(book, d, {
    day: 66,
    by: priya,
    title: '38% of app signups have source "unknown"',
    observed: 'In the activation-by-source analysis, 38% of app signups have no source.',
    expected: 'Every signup attributed to a channel.',
    artifact: funnel,
    severity: 'high',
    triage: { after: 0.5, by: dana, investigator: dana },
    investigating: 1,
    comments: [
      {
        after: 3,
        by: dana,
        body: 'The app never sends the install referrer. This is not fixable in SQL: **the data is not collected**.',
      },
    ],
    resolve: {
      after: 10,
      by: dana,
      rootCause: 'collection_gap',
      resolution:
        'The mobile apps do not send the install referrer. New data must be collected (attribution SDK); domain recycled to scoping.',
    },
  });
  d.on(ago(57), () =>
    signGate(
      d,
      ago(57),
      priya,
      'product_lead',
      'reject',
      'We cannot trust activation by source while a third of app signups have no source. This needs new data, not more analysis.',
    ),
  );
  d.on(ago(55), () =>
    recycleDomain(
      d,
      ago(55),
      dana,
      'scoping',
      'Weirdness showed new data must be collected: app signups carry no install source (investigation on "unknown" source).',
    ),
  );
  const collect = d.on(ago(55, 10), () =>
    d.ticket(ago(55, 10), dana, {
      kind: 'data_collection',
      title: 'Collect the install source of app signups (attribution SDK)',
      body: '- integrate the attribution SDK in iOS and Android\n- send `install_referrer` with the signup event\n- backfill is not possible',
      priority: 'critical',
      assignee: omar,
      dueInDays: -36,
      investigation: noSource.v,
    }),
  );
  d.on(ago(50), () =>
    d.comment(
      ago(50),
      omar,
      collect.v,
      'SDK shipped in app release 5.0. Events flowing for 60% of installs, full rollout next week.',
    ),
  );
  const sourceDataset = d.on(ago(40), () =>
    d.artifact(ago(40), omar, {
      type: 'dataset',
      name: 'growth.signup_sources',
      details: { location: 'warehouse.growth.signup_sources', grain: 'signup', refresh: 'hourly' },
    }),
  );
  d.on(ago(38), () => {
    d.updateTicket(collect.v, ago(38), omar, { status: 'done' });
    d.setArtifactStatus(sourceDataset.v, ago(38, 5), omar, 'ready');
  });
  passGate(book, d, 35, dana, [
    [dana, 'ds_lead', 'Sources are collected for every new app signup since release 5.0.', 1],
    [priya, 'product_lead', 'This is what was missing. Approve.', 0.5],
  ]);

  // Hand-off, round 2
  const session2 = d.on(ago(34), () =>
    d.ticket(ago(34), dana, {
      kind: 'session',
      title: 'Training: reading signup sources (new since release 5.0)',
      assignee: dana,
    }),
  );
  settled(book, d, dana, u, GROWTH_SECOND_HANDOFF);
  d.on(ago(29), () => d.updateTicket(session2.v, ago(29), dana, { status: 'done' }));
  passGate(book, d, 25, dana, [
    [dana, 'ds_lead', 'Second hand-off done.', 1],
    [priya, 'product_lead', 'Ready to look for weirdness again.', 0.5],
  ]);

  // Weirdness, round 2: still in the rise
  settled(book, d, dana, u, GROWTH_SECOND_WEIRDNESS);
  oddity(book, d, {
    day: 15,
    by: priya,
    title: 'Activation rate of the TikTok campaign is 0%',
    observed: '2,400 signups, zero activated.',
    expected: 'Roughly the paid social average (25%).',
    artifact: activation,
    severity: 'medium',
    triage: { after: 1, by: dana, investigator: omar },
    investigating: 2,
    resolve: {
      after: 6,
      by: omar,
      rootCause: 'expected',
      resolution: 'The campaign targeted a waitlist page; those users cannot activate until invited.',
      caveat: {
        artifact: activation,
        text: 'Waitlist signups cannot activate until invited: exclude the waitlist campaign when comparing activation.',
      },
    },
  });
  oddity(book, d, {
    day: 12,
    by: priya,
    title: 'Funnel conversion above 100% for the EU web funnel',
    observed: 'Step 2 → 3 converts at 104% for EU visitors.',
    artifact: funnel,
    severity: 'high',
    triage: { after: 0.5, by: dana, investigator: dana },
    investigating: 1,
    comments: [
      {
        after: 2,
        by: dana,
        body: 'Consent banner: visitors who decline tracking appear only from step 3 on. Confirming with the web team.',
      },
    ],
  });
  oddity(book, d, {
    day: 10,
    by: omar,
    title: 'Invites counted for deleted teams',
    observed: 'Activation counts invites to teams deleted the same day.',
    severity: 'low',
    triage: { after: 2, by: dana, investigator: omar },
    dismiss: { after: 4, by: omar, reason: 'Intended: the invite was sent, which is what activation measures.' },
  });
  oddity(book, d, {
    day: 8,
    by: priya,
    title: 'Signups dropped 30% on Nov 16',
    observed: 'One day with 30% fewer signups, no outage reported.',
    severity: 'medium',
    triage: { after: 1, by: dana, investigator: omar },
    investigating: 2,
    followUp: {
      after: 3,
      by: omar,
      ticket: {
        kind: 'task',
        title: 'Compare signup events with the auth service logs for Nov 16',
        assignee: omar,
        dueInDays: 3,
      },
    },
  });
  oddity(book, d, {
    day: 6,
    by: priya,
    title: 'Trial-to-paid differs between the funnel and billing',
    observed: 'Funnel says 11% trial-to-paid, BILL says 9%.',
    severity: 'medium',
    triage: { after: 1, by: dana, investigator: dana },
  });
  oddity(book, d, {
    day: 4,
    by: omar,
    title: 'Safari visitors missing from the visit step since Nov 19',
    observed: 'Safari share of visits fell from 22% to 3%.',
    severity: 'high',
    triage: { after: 0.5, by: dana, investigator: dana },
    investigating: 1,
  });
  oddity(book, d, {
    day: 2,
    by: priya,
    title: 'Activation timestamps one hour off after the DST change',
    observed: 'Activations appear an hour before the first project exists.',
    severity: 'low',
  });
  oddity(book, d, {
    day: 1,
    by: priya,
    title: 'Team plan signups counted twice in the funnel',
    observed: 'Each team plan signup appears as an owner and a member signup.',
    severity: 'medium',
  });
  d.play();
}
