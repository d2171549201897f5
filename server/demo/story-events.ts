import type { User } from '../modules/users/user.entity';
import type { StoryBook } from './story-builder';
import { EVENTS_AFTER_HANDOFF } from './story-oddities';
import { oddity, passGate, settled } from './story-steps';
import { waiveCriterion } from './story-gates';

/**
 * EVT was the first domain certified, and shows what happens after: a critical oddity two days
 * ago put it at risk, and its leads now decide whether to recycle it.
 */
export function productEventsStory(book: StoryBook, u: Record<string, User>): void {
  const { admin, dana, priya, omar } = u;
  const ago = (days: number, minutes = 0) => book.ago(days, minutes);
  const d = book.domain(ago(235), dana, {
    key: 'EVT',
    name: 'Product events',
    description: 'The tracked product events (sessions, page views, feature usage) that other domains build on.',
  });
  d.member(ago(235, 5), dana, dana, ['ds_lead']);
  d.member(ago(235, 6), dana, priya, ['product_lead']);
  d.member(ago(235, 7), dana, omar, ['contributor']);

  const problem = d.on(ago(234), () =>
    d.ticket(ago(234), dana, {
      kind: 'problem',
      title: 'Event names are free text: 1,400 distinct names for ~200 actions',
      priority: 'high',
      body: '`Clicked Save`, `save_clicked`, `SaveButton` … Every analysis starts with a week of cleanup.',
    }),
  );
  const stakeholder = d.on(ago(233), () =>
    d.ticket(ago(233), dana, { kind: 'stakeholder', title: 'Mobile and web engineering (instrumentation owners)' }),
  );
  d.on(ago(225), () => {
    d.updateTicket(problem.v, ago(225), dana, { status: 'done' });
    d.updateTicket(stakeholder.v, ago(225, 1), dana, { status: 'done' });
  });
  passGate(book, d, 222, dana, [[dana, 'ds_lead', 'Naming is the problem; a tracking plan is the answer.', 0.5]]);

  const catalog = d.on(ago(215), () =>
    d.artifact(ago(215), omar, {
      type: 'dataset',
      name: 'events.catalog',
      description: 'The tracking plan: every allowed event with its owner and properties.',
      details: {
        location: 'warehouse.events.catalog',
        grain: 'event name',
        refresh: 'on merge to the tracking-plan repo',
      },
    }),
  );
  const dau = d.on(ago(210), () =>
    d.artifact(ago(210), dana, {
      type: 'metric',
      name: 'Daily active users',
      details: {
        definition: 'Distinct users with at least one core event in the UTC day.',
        formula: 'COUNT(DISTINCT user_id) WHERE is_core',
        grain: 'day',
      },
    }),
  );
  d.on(ago(205), () =>
    d.artifact(ago(205), dana, {
      type: 'analysis',
      name: 'Which events does nobody use?',
      status: 'ready',
      details: {
        link: 'https://notebooks.example.com/events/unused',
        question: 'Which tracked events have not been queried in 90 days?',
      },
    }),
  );
  d.on(ago(198), () => {
    d.setArtifactStatus(catalog.v, ago(198), omar, 'ready');
    d.setArtifactStatus(dau.v, ago(198, 1), dana, 'ready');
    waiveCriterion(
      d,
      ago(197),
      admin,
      'example_analyses',
      'Event data is consumed through the other domains; their example analyses (RET, GROW) cover it.',
    );
  });
  passGate(book, d, 195, dana, [
    [dana, 'ds_lead', 'Catalog and DAU ready; analyses waived by admin.', 1],
    [priya, 'product_lead', 'Agreed.', 0.5],
  ]);

  const session = d.on(ago(192), () =>
    d.ticket(ago(192), dana, {
      kind: 'session',
      title: 'Training: adding an event to the tracking plan',
      assignee: omar,
    }),
  );
  d.on(ago(185), () => d.updateTicket(session.v, ago(185), omar, { status: 'done' }));
  passGate(book, d, 180, dana, [
    [dana, 'ds_lead', 'Engineers add events through the plan now.', 1],
    [priya, 'product_lead', 'Approve.', 0.5],
  ]);

  settled(book, d, dana, u, EVENTS_AFTER_HANDOFF);
  passGate(book, d, 130, dana, [
    [dana, 'ds_lead', 'Quiet for three weeks.', 1],
    [priya, 'product_lead', 'Approve.', 0.5],
  ]);
  passGate(book, d, 70, dana, [
    [dana, 'ds_lead', 'Nothing new in two months.', 1],
    [priya, 'product_lead', 'Confident.', 0.5],
  ]);

  // After certification: a critical oddity puts the domain at risk.
  oddity(book, d, {
    day: 2,
    by: priya,
    title: 'Android event volume down 40% since release 5.2',
    observed: 'Android events per active device fell from 310 to 185 a day from Nov 18 on; iOS and web unchanged.',
    expected: 'Stable volume: release 5.2 did not remove any tracked event.',
    artifact: dau,
    severity: 'critical',
    triage: { after: 0.2, by: dana, investigator: omar },
    investigating: 0.4,
    comments: [
      {
        after: 0.6,
        by: dana,
        body: 'Likely the same root cause as the Android D7 drop on RET. @omar can you diff the 5.2 SDK config against 5.1?',
      },
    ],
  });
  d.play();
}
