import type { User } from '../modules/users/user.entity';
import type { StoryBook } from './story-builder';
import { BILLING_AFTER_HANDOFF, BILLING_IN_CONFIDENCE } from './story-oddities';
import { oddity, passGate, settled } from './story-steps';
import { signGate } from './story-gates';

/**
 * BILL went the whole way in about six months: the certified domain, where the oddity rate rose
 * in the weeks after hand-off and then fell to zero.
 */
export function billingStory(book: StoryBook, u: Record<string, User>): void {
  const { dana, priya, sam, omar } = u;
  const ago = (days: number, minutes = 0) => book.ago(days, minutes);
  const d = book.domain(ago(200), dana, {
    key: 'BILL',
    name: 'Billing data',
    description:
      'Invoices, payments, refunds and MRR: the numbers finance and product both quote. Certified: anyone can use `billing.invoices_clean` and the MRR definitions.',
  });
  d.member(ago(200, 5), dana, dana, ['ds_lead']);
  d.member(ago(200, 6), dana, priya, ['product_lead']);
  d.member(ago(200, 7), dana, sam, ['sponsor']);
  d.member(ago(199), dana, omar, ['contributor']);

  // Gathering specs
  const mrrGap = d.on(ago(199, 10), () =>
    d.ticket(ago(199, 10), dana, {
      kind: 'problem',
      title: 'Finance and product quote different MRR numbers',
      body: 'The board deck said **$4.1M** MRR, the product dashboard said **$4.4M** the same week.\n\nNobody could say which one was right, so both teams stopped trusting either.',
      priority: 'high',
      labels: ['mrr'],
    }),
  );
  const refundsTwice = d.on(ago(198), () =>
    d.ticket(ago(198), priya, {
      kind: 'concern',
      title: 'Refunds appear twice in the revenue dashboard',
      body: 'Source: three reports in `#finance-questions` in October, one from the CFO.',
      labels: ['refunds', 'source:slack'],
    }),
  );
  const sourceOfTruth = d.on(ago(197), () =>
    d.ticket(ago(197), dana, {
      kind: 'concern',
      title: 'Nobody knows which table is the source of truth for invoices',
      body: 'Source: onboarding of two new analysts. `stripe_invoices`, `billing.invoice` and `fin.invoices_v2` all exist.',
      priority: 'high',
      assignee: dana,
      labels: ['source:onboarding'],
    }),
  );
  const finance = d.on(ago(196), () =>
    d.ticket(ago(196), dana, {
      kind: 'stakeholder',
      title: 'Finance (FP&A): monthly close and board reporting',
      labels: ['finance'],
    }),
  );
  const product = d.on(ago(196, 5), () =>
    d.ticket(ago(196, 5), dana, {
      kind: 'stakeholder',
      title: 'Product: pricing and plan changes (Priya)',
      labels: ['product'],
    }),
  );
  d.on(ago(195), () =>
    d.comment(
      ago(195),
      priya,
      sourceOfTruth.v,
      'From the product side we use `fin.invoices_v2` because it has plan names. Is that wrong?',
    ),
  );
  d.on(ago(194), () =>
    d.comment(
      ago(194),
      dana,
      sourceOfTruth.v,
      'Not wrong, but it drops invoices voided after the close. I will write up the lineage in scoping.',
    ),
  );
  d.on(ago(189), () => {
    d.updateTicket(sourceOfTruth.v, ago(189), dana, { status: 'done' });
    d.updateTicket(mrrGap.v, ago(189, 5), dana, { status: 'done' });
    d.updateTicket(refundsTwice.v, ago(189, 6), dana, { status: 'done' });
    d.updateTicket(finance.v, ago(189, 7), dana, { status: 'done' });
    d.updateTicket(product.v, ago(189, 8), dana, { status: 'done' });
  });
  passGate(book, d, 186, dana, [
    [dana, 'ds_lead', 'Problems and players are clear; the MRR gap is the one to fix first.', 0.5],
  ]);

  // Scoping
  const explore = d.on(ago(185), () =>
    d.ticket(ago(185), dana, {
      kind: 'exploration',
      title: 'Explore invoices vs payments: what joins, what double-counts',
      assignee: omar,
      labels: ['lineage'],
    }),
  );
  const annual = d.on(ago(183), () =>
    d.ticket(ago(183), dana, {
      kind: 'exploration',
      title: 'How do annual plans show up in MRR?',
      assignee: dana,
      labels: ['mrr'],
    }),
  );
  const cleanTask = d.on(ago(180), () =>
    d.ticket(ago(180), dana, {
      kind: 'task',
      title: 'Build the curated `billing.invoices_clean` dataset',
      body: '- one row per invoice line\n- refunds and credit notes as negative lines\n- currency kept **and** normalized to USD',
      priority: 'high',
      assignee: omar,
      dueInDays: -150,
    }),
  );
  const mrr = d.on(ago(178), () =>
    d.artifact(ago(178), dana, {
      type: 'metric',
      name: 'MRR',
      description: 'Monthly recurring revenue, the one number finance and product quote.',
      details: {
        definition: 'Sum of active subscriptions normalized to a month; annual plans count 1/12 per month.',
        formula: "SUM(line_amount_usd / plan_months) WHERE line_type = 'subscription' AND period covers month",
        grain: 'month',
      },
    }),
  );
  const nrc = d.on(ago(176), () =>
    d.artifact(ago(176), dana, {
      type: 'metric',
      name: 'Net revenue churn',
      details: {
        definition: 'MRR lost from existing customers (churn + downgrades − expansion) over MRR at month start.',
        formula: '(churned_mrr + contraction_mrr - expansion_mrr) / mrr_start',
        grain: 'month',
      },
    }),
  );
  const invoices = d.on(ago(170), () =>
    d.artifact(ago(170), omar, {
      type: 'dataset',
      name: 'billing.invoices_clean',
      description: 'Curated invoice lines from Stripe and NetSuite.',
      details: { location: 'warehouse.billing.invoices_clean', grain: 'invoice line', refresh: 'daily 04:00 UTC' },
    }),
  );
  const payments = d.on(ago(168), () =>
    d.artifact(ago(168), omar, {
      type: 'dataset',
      name: 'billing.payments_daily',
      details: { location: 'warehouse.billing.payments_daily', grain: 'customer × day', refresh: 'daily 05:00 UTC' },
    }),
  );
  d.on(ago(160), () => {
    d.artifact(ago(160), dana, {
      type: 'analysis',
      name: 'Why did MRR dip in March?',
      status: 'ready',
      details: {
        link: 'https://notebooks.example.com/billing/mrr-march-dip',
        question: 'Was the March MRR dip churn, or a definition change?',
      },
    });
    d.setArtifactStatus(mrr.v, ago(160, 5), dana, 'ready');
    d.updateTicket(annual.v, ago(160, 6), dana, { status: 'done' });
  });
  d.on(ago(155), () =>
    d.artifact(ago(155), omar, {
      type: 'analysis',
      name: 'Plan upgrades by signup cohort',
      status: 'ready',
      details: {
        link: 'https://notebooks.example.com/billing/upgrades-by-cohort',
        question: 'Which cohorts upgrade, and how fast?',
      },
    }),
  );
  d.on(ago(150), () => {
    d.updateTicket(explore.v, ago(150), omar, { status: 'done' });
    d.artifact(ago(150, 5), omar, {
      type: 'dataset',
      name: 'fin.invoices_v2 (legacy)',
      status: 'deprecated',
      description: 'Superseded by billing.invoices_clean: it drops invoices voided after the monthly close.',
      details: { location: 'warehouse.fin.invoices_v2', grain: 'invoice', refresh: 'monthly, after close' },
    });
  });
  d.on(ago(146), () =>
    signGate(
      d,
      ago(146),
      priya,
      'product_lead',
      'reject',
      'The invoices dataset is still draft and misses refunds issued through Stripe disputes. I cannot hand this to product yet.',
    ),
  );
  d.on(ago(145), () =>
    d.comment(
      ago(145),
      omar,
      cleanTask.v,
      'Dispute refunds come from `stripe.disputes`, not `stripe.refunds`. Adding them as negative lines.',
    ),
  );
  d.on(ago(143), () => {
    d.updateTicket(cleanTask.v, ago(143), omar, { status: 'done' });
    d.setArtifactStatus(invoices.v, ago(143, 5), omar, 'ready');
    d.setArtifactStatus(payments.v, ago(143, 7), omar, 'ready');
    d.setArtifactStatus(nrc.v, ago(143, 6), dana, 'ready');
  });
  passGate(book, d, 140, dana, [
    [priya, 'product_lead', 'Refunds are in and the two analyses read well. Ready for product.', 1.5],
    [dana, 'ds_lead', 'Dataset and definitions are ready.', 1],
  ]);

  // Product hand-off
  const pairing = d.on(ago(139), () =>
    d.ticket(ago(139), dana, {
      kind: 'session',
      title: 'Pairing: finance analysts on invoices_clean',
      assignee: dana,
      dueInDays: -134,
    }),
  );
  const training = d.on(ago(138), () =>
    d.ticket(ago(138), dana, {
      kind: 'session',
      title: 'Training: the MRR definition, for product managers',
      assignee: dana,
      dueInDays: -128,
    }),
  );
  const planMrr = d.on(ago(137), () =>
    d.ticket(ago(137), priya, {
      kind: 'request',
      title: 'Plan-level MRR breakdown',
      priority: 'high',
      assignee: omar,
      labels: ['mrr'],
    }),
  );
  d.on(ago(134), () => d.updateTicket(pairing.v, ago(134), dana, { status: 'done' }));
  d.on(ago(128), () => d.updateTicket(training.v, ago(128), dana, { status: 'done' }));
  d.on(ago(125), () => d.updateTicket(planMrr.v, ago(125), omar, { status: 'done' }));
  passGate(book, d, 120, dana, [
    [dana, 'ds_lead', 'Finance and product both ran their own queries in the sessions.', 2],
    [priya, 'product_lead', 'We are comfortable. Expect questions!', 1],
  ]);

  // The rise after hand-off: the notable oddities, then many quieter ones
  oddity(book, d, {
    day: 137,
    by: priya,
    title: 'MRR jumps 4% on the first of every month',
    observed: 'The daily MRR chart steps up every 1st and drifts down during the month.',
    expected: 'A smooth line: subscriptions do not all start on the 1st.',
    artifact: mrr,
    severity: 'medium',
    triage: { after: 1, by: dana, investigator: dana },
    investigating: 1.5,
    resolve: {
      after: 5,
      by: dana,
      rootCause: 'expected',
      resolution:
        'Annual renewals are invoiced on the 1st for customers migrated from the old billing system. Real behaviour.',
      caveat: {
        artifact: mrr,
        text: 'MRR steps up on the 1st of each month: legacy annual renewals are invoiced then (real behaviour).',
      },
    },
  });
  oddity(book, d, {
    day: 132,
    by: priya,
    title: 'Refunds counted twice for Stripe disputes',
    observed: 'A disputed $1,200 invoice shows −$2,400 in `invoices_clean`.',
    expected: 'One negative line of −$1,200.',
    artifact: invoices,
    severity: 'high',
    triage: { after: 0.5, by: dana, investigator: omar },
    investigating: 1,
    followUp: {
      after: 1.5,
      by: omar,
      ticket: {
        kind: 'task',
        title: 'Deduplicate dispute refunds in invoices_clean',
        priority: 'high',
        assignee: omar,
        labels: ['refunds'],
      },
      doneAfter: 4,
    },
    resolve: {
      after: 4,
      by: omar,
      rootCause: 'data_bug',
      resolution: 'Disputes were joined twice (refund and chargeback rows). Fixed and backfilled.',
    },
  });
  oddity(book, d, {
    day: 129,
    by: omar,
    title: 'Some invoices have negative totals',
    observed: '312 invoices in October have a negative total.',
    artifact: invoices,
    severity: 'low',
    triage: { after: 2, by: dana, investigator: dana },
    resolve: {
      after: 5,
      by: dana,
      rootCause: 'expected',
      resolution: 'They are credit notes issued after downgrades.',
      caveat: { artifact: invoices, text: 'Negative invoice totals are credit notes (downgrades), not errors.' },
    },
  });
  oddity(book, d, {
    day: 125,
    by: priya,
    title: 'Enterprise invoices missing since September',
    observed: 'Enterprise MRR fell 60% on Sep 1 with no churn in the CRM.',
    expected: 'Flat enterprise MRR.',
    artifact: mrr,
    severity: 'high',
    triage: { after: 0.3, by: dana, investigator: dana },
    investigating: 0.5,
    followUp: {
      after: 1,
      by: dana,
      ticket: {
        kind: 'data_collection',
        title: 'Ingest NetSuite enterprise invoices',
        body: 'Sales ops moved enterprise billing to NetSuite on Sep 1. We need the export in the warehouse.',
        priority: 'high',
        assignee: omar,
      },
      doneAfter: 9,
    },
    resolve: {
      after: 10,
      by: dana,
      rootCause: 'upstream_change',
      resolution: 'Enterprise billing moved to NetSuite; now ingested into invoices_clean.',
    },
  });
  oddity(book, d, {
    day: 111,
    by: priya,
    title: 'Weekend payments land on Monday',
    observed: 'Payments per day are near zero on weekends and spike on Mondays.',
    artifact: payments,
    severity: 'low',
    triage: { after: 2, by: dana, investigator: omar },
    resolve: {
      after: 4,
      by: omar,
      rootCause: 'expected',
      resolution: 'Card payments settle on business days; the dataset uses the settlement date.',
      caveat: { artifact: payments, text: 'Payments settle on business days: weekend payments appear on Monday.' },
    },
  });
  settled(book, d, dana, u, BILLING_AFTER_HANDOFF);
  // Weirdness → confidence once a quiet month bounds the rate below one a week (at 90%).
  passGate(book, d, 40, dana, [
    [dana, 'ds_lead', 'Oddities went from four a week to none in the last four weeks.', 2],
    [priya, 'product_lead', 'Product is answering its own billing questions now.', 1],
  ]);

  // Confidence
  settled(book, d, dana, u, BILLING_IN_CONFIDENCE);
  passGate(book, d, 25, dana, [
    [dana, 'ds_lead', 'No open investigation; one low oddity in the last month.', 3],
    [priya, 'product_lead', 'Confident. Billing is ready for everyone.', 2],
    [sam, 'sponsor', 'Approved. Finance and product now quote the same MRR.', 1],
  ]);
  oddity(book, d, {
    day: 20,
    by: omar,
    title: 'Invoice count off by one on the 1st',
    observed: 'The dashboard shows one invoice fewer than the dataset on the 1st.',
    severity: 'low',
    triage: { after: 1, by: dana, investigator: dana },
    dismiss: { after: 2, by: dana, reason: 'The dashboard filter uses local time; not a data problem.' },
  });
  d.play();
}
