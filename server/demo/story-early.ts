import type { User } from '../modules/users/user.entity';
import type { StoryBook } from './story-builder';
import { oddity, passGate } from './story-steps';
import { holdDomain, requestSignOff, signGate } from './story-gates';

/** The domains still early on the trail: SUP in hand-off, MKT in scoping, PRICE held and ONB stalled in specs. */
export function earlyDomainsStory(book: StoryBook, u: Record<string, User>): void {
  supportStory(book, u);
  marketingStory(book, u);
  pricingStory(book, u);
  onboardingStory(book, u);
}

/** SUP: its own data-science lead (Omar), half-way through the hand-off gate. */
function supportStory(book: StoryBook, u: Record<string, User>): void {
  const { dana, priya, omar } = u;
  const ago = (days: number, minutes = 0) => book.ago(days, minutes);
  const d = book.domain(ago(95), omar, {
    key: 'SUP',
    name: 'Support tickets',
    description: 'Support volume, first response time, resolution time and CSAT.',
  });
  d.member(ago(95, 5), omar, omar, ['ds_lead']);
  d.member(ago(95, 6), omar, priya, ['product_lead']);
  d.member(ago(95, 7), omar, dana, ['contributor']);

  const problem = d.on(ago(94), () =>
    d.ticket(ago(94), omar, {
      kind: 'problem',
      title: 'First response time looks great in Zendesk and terrible in the warehouse',
      body: 'Zendesk reports **2h** median, our dashboard **9h**. Support leadership uses the first, product the second.',
      priority: 'high',
    }),
  );
  const concern = d.on(ago(92), () =>
    d.ticket(ago(92), priya, {
      kind: 'concern',
      title: 'CSAT is computed on 8% of tickets',
      body: 'Source: support ops quarterly review.',
      labels: ['csat'],
    }),
  );
  const stakeholder = d.on(ago(91), () =>
    d.ticket(ago(91), omar, { kind: 'stakeholder', title: 'Support operations (team leads)' }),
  );
  d.on(ago(80), () => {
    for (const [i, t] of [problem, concern, stakeholder].entries())
      d.updateTicket(t.v, ago(80, i), omar, { status: 'done' });
  });
  passGate(book, d, 75, omar, [[omar, 'ds_lead', 'Clear problem: business hours vs calendar hours.', 0.5]]);

  const frt = d.on(ago(70), () =>
    d.artifact(ago(70), omar, {
      type: 'metric',
      name: 'First response time (business hours)',
      details: {
        definition:
          "Median time from ticket creation to the first public agent reply, counted in the team's business hours.",
        formula: 'PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY business_minutes_to_first_reply)',
        grain: 'ticket',
      },
    }),
  );
  const tickets = d.on(ago(65), () =>
    d.artifact(ago(65), omar, {
      type: 'dataset',
      name: 'support.tickets_clean',
      details: { location: 'warehouse.support.tickets_clean', grain: 'ticket', refresh: 'hourly' },
    }),
  );
  d.on(ago(60), () =>
    d.artifact(ago(60), omar, {
      type: 'analysis',
      name: 'Response time by tier',
      status: 'ready',
      details: {
        link: 'https://notebooks.example.com/support/frt-by-tier',
        question: 'Do enterprise customers get faster replies?',
      },
    }),
  );
  d.on(ago(52), () =>
    d.artifact(ago(52), dana, {
      type: 'analysis',
      name: 'What drives reopened tickets?',
      status: 'ready',
      details: { link: 'https://notebooks.example.com/support/reopens', question: 'Which ticket tags reopen most?' },
    }),
  );
  d.on(ago(45), () =>
    d.artifact(ago(45), omar, {
      type: 'metric',
      name: 'CSAT (calendar month)',
      status: 'deprecated',
      description: 'Replaced by CSAT with response rate shown alongside.',
      details: { definition: 'Share of satisfied survey answers.', formula: 'good / (good + bad)', grain: 'month' },
    }),
  );
  d.on(ago(38), () => {
    d.setArtifactStatus(frt.v, ago(38), omar, 'ready');
    d.setArtifactStatus(tickets.v, ago(38, 5), omar, 'ready');
  });
  passGate(book, d, 32, omar, [
    [omar, 'ds_lead', 'FRT in business hours reconciles with Zendesk within 5%.', 2],
    [priya, 'product_lead', 'Approve.', 1],
  ]);

  // Hand-off: a session done, one planned, requests in flight; Omar has signed, Priya has not.
  const pairing = d.on(ago(30), () =>
    d.ticket(ago(30), omar, { kind: 'session', title: 'Pairing: support team leads on tickets_clean', assignee: omar }),
  );
  d.on(ago(20), () => d.updateTicket(pairing.v, ago(20), omar, { status: 'done' }));
  d.on(ago(18), () =>
    d.ticket(ago(18), omar, {
      kind: 'session',
      title: 'Training: CSAT and its response rate',
      assignee: omar,
      dueInDays: 5,
      body: 'Agenda:\n1. why CSAT alone misleads\n2. reading response rate\n3. hands-on with the weekly dashboard',
    }),
  );
  const firstByTier = d.on(ago(16), () =>
    d.ticket(ago(16), priya, {
      kind: 'request',
      title: 'First response time by customer tier, weekly',
      priority: 'high',
      assignee: omar,
    }),
  );
  const tags = d.on(ago(14), () =>
    d.ticket(ago(14), priya, {
      kind: 'request',
      title: 'Resolution time per tag',
      priority: 'medium',
      assignee: dana,
      labels: ['tags'],
    }),
  );
  d.on(ago(12), () => d.updateTicket(tags.v, ago(12), dana, { status: 'in_progress' }));
  d.on(ago(1), () =>
    d.comment(
      ago(1),
      priya,
      tags.v,
      '@dana support leads asked in the weekly review: could we split resolution time by **tier** as well as by tag?',
    ),
  );
  d.on(ago(10), () => d.updateTicket(firstByTier.v, ago(10), omar, { status: 'done' }));
  oddity(book, d, {
    day: 8,
    by: priya,
    title: 'CSAT responses attached to the wrong ticket after a merge',
    observed: 'Merged tickets carry the CSAT of the ticket they were merged into.',
    artifact: tickets,
    severity: 'medium',
    triage: { after: 1, by: omar, investigator: omar },
    investigating: 2,
  });
  d.on(ago(2), () =>
    signGate(
      d,
      ago(2),
      omar,
      'ds_lead',
      'approve',
      'One session done, the high request delivered. Ready for weirdness.',
    ),
  );
  d.on(ago(2, 1), () => requestSignOff(d, ago(2, 1), priya, 'product_lead'));
  d.play();
}

/** MKT: scoping, blocked by an open high ticket and a metric still in draft. */
function marketingStory(book: StoryBook, u: Record<string, User>): void {
  const { dana, priya, sam, omar } = u;
  const ago = (days: number, minutes = 0) => book.ago(days, minutes);
  const d = book.domain(ago(64), dana, {
    key: 'MKT',
    name: 'Marketing attribution',
    description: 'Which channel gets credit for a signup, and what each channel costs.',
  });
  d.member(ago(64, 5), dana, dana, ['ds_lead']);
  d.member(ago(64, 6), dana, priya, ['product_lead']);
  d.member(ago(64, 7), dana, sam, ['sponsor']);
  const problem = d.on(ago(63), () =>
    d.ticket(ago(63), priya, {
      kind: 'problem',
      title: 'Channel ROI numbers change with whoever builds the report',
      priority: 'high',
      body: 'Paid search ROI was 3.1× in one deck and 1.4× in another, same quarter.',
    }),
  );
  const stakeholder = d.on(ago(62), () =>
    d.ticket(ago(62), dana, { kind: 'stakeholder', title: 'Marketing ops and the paid acquisition team' }),
  );
  d.on(ago(61), () =>
    d.ticket(ago(61), priya, {
      kind: 'concern',
      title: 'Agencies report conversions we cannot see',
      body: 'Source: agency monthly reports.',
      status: 'wont_do',
      priority: 'low',
    }),
  );
  d.on(ago(45), () => {
    d.updateTicket(problem.v, ago(45), dana, { status: 'done' });
    d.updateTicket(stakeholder.v, ago(45, 1), dana, { status: 'done' });
  });
  passGate(book, d, 42, dana, [[dana, 'ds_lead', 'Scope: paid channels first, organic later.', 0.5]]);

  const model = d.on(ago(40), () =>
    d.ticket(ago(40), dana, {
      kind: 'exploration',
      title: 'Decide between first-touch and last-touch attribution',
      priority: 'high',
      assignee: dana,
      dueInDays: 7,
      labels: ['attribution-model'],
    }),
  );
  d.on(ago(36), () =>
    d.comment(
      ago(36),
      priya,
      model.v,
      'Marketing wants **last touch** because it matches the ad platforms. Product prefers first touch. Can we show both?',
    ),
  );
  d.on(ago(35), () =>
    d.comment(
      ago(35),
      dana,
      model.v,
      'We can show both, but one must be *the* definition for ROI. I will compare them on Q3 data first.',
    ),
  );
  d.on(ago(33), () => d.updateTicket(model.v, ago(33), dana, { status: 'in_progress' }));
  d.on(ago(34), () =>
    d.ticket(ago(34), dana, {
      kind: 'exploration',
      title: 'Join ad spend to signups by campaign id',
      assignee: omar,
      status: 'in_progress',
    }),
  );
  d.on(ago(30), () =>
    d.artifact(ago(30), dana, {
      type: 'metric',
      name: 'Attributed signups (last touch)',
      details: {
        definition: 'Signups credited to the last paid touch within 30 days.',
        formula: 'COUNT(*) GROUP BY last_paid_touch_30d',
        grain: 'day × channel',
      },
    }),
  );
  const touchpoints = d.on(ago(28), () =>
    d.artifact(ago(28), omar, {
      type: 'dataset',
      name: 'marketing.touchpoints',
      details: { location: 'warehouse.marketing.touchpoints', grain: 'user × touch', refresh: 'daily 03:00 UTC' },
    }),
  );
  d.on(ago(20), () => d.setArtifactStatus(touchpoints.v, ago(20), omar, 'ready'));
  d.on(ago(15), () =>
    d.artifact(ago(15), dana, {
      type: 'analysis',
      name: 'Paid search CAC by month',
      details: {
        link: 'https://notebooks.example.com/marketing/cac-paid-search',
        question: 'What does a paid-search signup cost?',
      },
    }),
  );
  d.on(ago(9), () =>
    d.ticket(ago(9), dana, {
      kind: 'task',
      title: 'Get read access to the Google Ads export',
      assignee: dana,
      status: 'blocked',
      body: 'Waiting on marketing ops.',
    }),
  );
  d.play();
}

/** PRICE: specs, on hold until the new pricing page ships. */
function pricingStory(book: StoryBook, u: Record<string, User>): void {
  const { dana, priya } = u;
  const ago = (days: number, minutes = 0) => book.ago(days, minutes);
  const d = book.domain(ago(55), priya, {
    key: 'PRICE',
    name: 'Pricing experiments',
    description: 'Price tests and their effect on conversion and revenue.',
  });
  d.member(ago(55, 5), priya, priya, ['product_lead']);
  d.member(ago(55, 6), priya, dana, ['ds_lead']);
  d.on(ago(54), () =>
    d.ticket(ago(54), priya, {
      kind: 'problem',
      title: 'Price tests are read on revenue after 7 days, before annual plans renew',
      priority: 'high',
    }),
  );
  d.on(ago(50), () => d.ticket(ago(50), priya, { kind: 'stakeholder', title: 'Pricing committee (CFO, VP Product)' }));
  d.on(ago(47), () =>
    d.ticket(ago(47), dana, {
      kind: 'concern',
      title: 'Test and control overlap for logged-out visitors',
      body: 'Source: experiment platform audit.',
      assignee: dana,
    }),
  );
  d.on(ago(31), () =>
    holdDomain(d, ago(31), priya, 'Experiments paused until the new pricing page ships in Q1; restart specs then.'),
  );
  d.play();
}

/** ONB: specs with nobody working on it: stalled. */
function onboardingStory(book: StoryBook, u: Record<string, User>): void {
  const { dana, priya, omar } = u;
  const ago = (days: number, minutes = 0) => book.ago(days, minutes);
  const d = book.domain(ago(80), dana, {
    key: 'ONB',
    name: 'Onboarding funnel',
    description: 'The steps from signup to a configured workspace.',
  });
  d.member(ago(80, 5), dana, omar, ['ds_lead']);
  d.member(ago(80, 6), dana, priya, ['product_lead']);
  d.on(ago(79), () =>
    d.ticket(ago(79), priya, {
      kind: 'problem',
      title: 'Onboarding completion is defined three ways',
      priority: 'high',
      body: 'Checklist done? Workspace configured? First invite? Each dashboard picks one.',
    }),
  );
  const dropoff = d.on(ago(70), () =>
    d.ticket(ago(70), priya, {
      kind: 'concern',
      title: 'Step 3 drop-off may be a tracking bug',
      body: 'Source: session recordings show users passing step 3, events say they did not.',
      priority: 'high',
      assignee: omar,
      dueInDays: -40,
    }),
  );
  d.on(ago(38), () =>
    d.comment(ago(38), omar, dropoff.v, 'Parking this until the growth funnel work lands; same events.'),
  );
  d.play();
}
