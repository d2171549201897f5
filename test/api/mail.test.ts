import PgBoss from 'pg-boss';
import request from 'supertest';
import type { AddressObject } from 'mailparser';
import type { NotificationKind } from '../../shared/api/inbox';
import { notify } from '../../server/modules/inbox/notify';
import { Notification } from '../../server/modules/inbox/notification.entity';
import { MailOutbox } from '../../server/modules/mail/mail-outbox.entity';
import {
  MAIL_QUEUE,
  queueDigests,
  startMailWorker,
  type MailWorkerOptions,
} from '../../server/modules/mail/mail-queue';
import { MAIL_DIGEST_SCHEDULE_QUEUE, startMailDigest } from '../../server/modules/mail/mail-digest.job';
import { poolDb } from '../../server/modules/webhooks/webhook-queue';
import { sendDigest, sendOutboxMail, type MailSenderContext } from '../../server/modules/mail/mail-sender';
import { createMailTransport } from '../../server/modules/mail/mail-transport';
import { makeDomain, makeDomainUser } from '../factories/domains';
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from '../factories/smtp';
import { makeUser, signedIn } from '../factories/users';
import { eventually } from '../factories/webhooks';
import { useTestApp } from '../setup/test-app';

const ctx = useTestApp();
const PUBLIC_URL = 'https://cairn.example.test';
const FROM = 'Cairn <cairn@example.test>';
/** One retry, a second apart: enough to see fail-then-succeed quickly. */
const WORKER: MailWorkerOptions = {
  retryLimit: 1,
  retryDelaySeconds: 1,
  pollingIntervalSeconds: 0.5,
  timeoutMs: 5_000,
};

async function emit(
  userIds: string[],
  entry: { kind: NotificationKind; domainId?: string | null; entityType?: string; entityId?: string; message: string },
): Promise<void> {
  await ctx.dataSource.transaction(async (tx) => {
    await notify(tx, userIds, {
      domainId: null,
      entityType: 'ticket',
      entityId: 'RET-1',
      at: new Date(),
      ...entry,
    });
  });
}

function toAddresses(mail: ReceivedMail): string[] {
  const to = mail.mail.to as AddressObject | undefined;
  return to?.value.map((address) => address.address ?? '') ?? [];
}

async function outboxOf(userId: string): Promise<MailOutbox[]> {
  return ctx.dataSource.getRepository(MailOutbox).find({ where: { userId }, order: { createdAt: 'ASC' } });
}

/** Waits a little and returns what arrived: for asserting that nothing (more) was mailed. */
async function quietFor(smtp: TestSmtpServer, ms = 1_500): Promise<ReceivedMail[]> {
  await new Promise((resolve) => setTimeout(resolve, ms));
  return smtp.received;
}

describe('email notifications over a real SMTP server', () => {
  let smtp: TestSmtpServer;
  let stops: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    smtp = await startSmtpServer();
    // The app's own config object: GET /me/notification-preferences sees the same SMTP settings.
    Object.assign(ctx.deps.config, { smtp: { url: smtp.url }, publicUrl: PUBLIC_URL, mailFrom: FROM });
  });
  beforeEach(async () => {
    smtp.received.length = 0;
    smtp.refused = 0;
    smtp.delayMs = 0;
    smtp.failNext(0);
    stops = [await startMailWorker(ctx.deps, WORKER)];
  });
  afterEach(async () => {
    for (const stop of stops) await stop();
    stops = [];
  });
  afterAll(async () => {
    await smtp.close();
  });

  it('mails a sign-off request right away (its default) to the recipient, with the link back to the domain', async () => {
    const domain = await makeDomain(ctx, { key: 'SALES' });
    const lead = await makeUser(ctx.dataSource, { email: 'lee@example.test', name: 'Lee Lead' });
    const bystander = await makeUser(ctx.dataSource);
    await emit([lead.id], {
      kind: 'signoff_requested',
      domainId: domain.id,
      entityType: 'domain',
      entityId: domain.id,
      message: 'SALES · Specs: your sign-off as DS lead is requested.',
    });

    const [received] = await eventually(async () => (smtp.received.length ? smtp.received : null));
    expect(received.envelopeTo).toEqual(['lee@example.test']);
    expect(received.envelopeFrom).toBe('cairn@example.test');
    expect(toAddresses(received)).toEqual(['lee@example.test']);
    expect((received.mail.to as AddressObject).value[0].name).toBe('Lee Lead');
    expect(received.mail.from?.value[0]).toMatchObject({ name: 'Cairn', address: 'cairn@example.test' });
    expect(received.mail.subject).toBe('[Cairn] SALES · Specs: your sign-off as DS lead is requested.');
    expect(received.mail.text).toContain('Open in Cairn: https://cairn.example.test/domains/SALES');
    expect(received.mail.html).toContain('href="https://cairn.example.test/domains/SALES"');
    expect(received.mail.headers.get('auto-submitted')).toBe('auto-generated');

    const [row] = await eventually(async () => {
      const rows = await outboxOf(lead.id);
      return rows[0]?.status === 'sent' ? rows : null;
    });
    expect(row).toMatchObject({ mode: 'now', attempts: 1, lastError: null });
    expect(row.sentAt).toBeInstanceOf(Date);
    expect(row.messageId).toBe(received.mail.messageId);
    expect(await outboxOf(bystander.id)).toEqual([]);
    expect(await quietFor(smtp, 800)).toHaveLength(1);
  });

  it('follows the preference set through the API: a ticket assigned over HTTP is mailed at once, linking to the ticket', async () => {
    const domain = await makeDomain(ctx, { key: 'OPS' });
    const lead = await makeDomainUser(ctx, domain, ['ds_lead']);
    const assignee = await signedIn(ctx, 'member', { email: 'sam@example.test' });
    await request(ctx.app)
      .put('/api/v1/me/notification-preferences')
      .set(assignee.auth)
      .send({ preferences: [{ kind: 'assigned', channel: 'email_now' }] })
      .expect(200);

    await request(ctx.app)
      .post('/api/v1/domains/OPS/tickets')
      .set(lead.auth)
      .send({ kind: 'task', title: 'Backfill the orders table', assigneeId: assignee.user.id })
      .expect(201);

    const [received] = await eventually(async () => (smtp.received.length ? smtp.received : null));
    expect(received.envelopeTo).toEqual(['sam@example.test']);
    expect(received.mail.subject).toMatch(/^\[Cairn\] .*OPS-1/);
    expect(received.mail.text).toContain('https://cairn.example.test/tickets/OPS-1');
  });

  it('`none` sends nothing and files the inbox entry as read; `inbox` keeps it unread and mails nothing', async () => {
    const muted = await signedIn(ctx);
    const inboxOnly = await signedIn(ctx);
    const mailed = await makeUser(ctx.dataSource, { email: 'mailed@example.test' });
    await request(ctx.app)
      .put('/api/v1/me/notification-preferences')
      .set(muted.auth)
      .send({ preferences: [{ kind: 'domain_at_risk', channel: 'none' }] })
      .expect(200);
    await request(ctx.app)
      .put('/api/v1/me/notification-preferences')
      .set(inboxOnly.auth)
      .send({ preferences: [{ kind: 'domain_at_risk', channel: 'inbox' }] })
      .expect(200);

    await emit([muted.user.id, inboxOnly.user.id, mailed.id], {
      kind: 'domain_at_risk',
      message: 'A domain is at risk.',
    });

    // the default (email_now) recipient's mail proves the worker ran; it is the only one
    await eventually(async () => (smtp.received.length ? smtp.received : null));
    const received = await quietFor(smtp);
    expect(received.map((mail) => mail.envelopeTo)).toEqual([['mailed@example.test']]);
    expect(await outboxOf(muted.user.id)).toEqual([]);
    expect(await outboxOf(inboxOnly.user.id)).toEqual([]);
    const mutedEntry = await ctx.dataSource.getRepository(Notification).findOneByOrFail({ userId: muted.user.id });
    expect(mutedEntry.readAt).toBeInstanceOf(Date);
    const inboxEntry = await ctx.dataSource.getRepository(Notification).findOneByOrFail({ userId: inboxOnly.user.id });
    expect(inboxEntry.readAt).toBeNull();
    const unread = await request(ctx.app).get('/api/v1/inbox/unread-count').set(muted.auth).expect(200);
    expect(unread.body.count).toBe(0);
  });

  it('a rolled-back change mails nothing', async () => {
    const user = await makeUser(ctx.dataSource);
    await expect(
      ctx.dataSource.transaction(async (tx) => {
        await notify(tx, [user.id], {
          kind: 'signoff_requested',
          domainId: null,
          entityType: 'domain',
          entityId: 'x',
          message: 'never happened',
          at: new Date(),
        });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await quietFor(smtp)).toEqual([]);
    expect(await ctx.dataSource.getRepository(MailOutbox).count()).toBe(0);
  });

  it('the daily digest is one mail per person, grouped by domain, with a link per item', async () => {
    const sales = await makeDomain(ctx, { key: 'SALES' });
    const ops = await makeDomain(ctx, { key: 'OPS' });
    const sam = await makeUser(ctx.dataSource, { email: 'sam@example.test' });
    const ada = await makeUser(ctx.dataSource, { email: 'ada@example.test' });
    // assigned, mentioned and investigation_reported default to the digest
    await emit([sam.id], {
      kind: 'assigned',
      domainId: sales.id,
      entityId: 'SALES-3',
      message: 'SALES-3 assigned to you',
    });
    await emit([sam.id, ada.id], {
      kind: 'investigation_reported',
      domainId: ops.id,
      entityType: 'investigation',
      entityId: '42',
      message: 'OPS: weirdness reported (#42)',
    });
    await emit([sam.id], {
      kind: 'mentioned',
      domainId: sales.id,
      entityId: 'SALES-7',
      message: 'You were mentioned on SALES-7',
    });
    await emit([sam.id], {
      kind: 'mentioned',
      entityType: 'comment',
      entityId: 'c1',
      message: 'Mentioned outside a domain',
    });
    // nothing is sent before the digest runs
    expect(await quietFor(smtp, 1_000)).toEqual([]);

    expect(await queueDigests(ctx.dataSource)).toBe(2);
    const mails = await eventually(async () => (smtp.received.length === 2 ? smtp.received : null));
    const samMail = mails.find((mail) => mail.envelopeTo[0] === 'sam@example.test')!;
    const adaMail = mails.find((mail) => mail.envelopeTo[0] === 'ada@example.test')!;
    expect(samMail.mail.subject).toBe('[Cairn] Your daily digest: 4 notifications in 2 domains');
    expect(adaMail.mail.subject).toBe('[Cairn] Your daily digest: 1 notification in 1 domain');
    const text = samMail.mail.text!;
    // domains alphabetically, then the items without a domain; each item under its own domain
    const sections = text.split('\n\n').slice(0, 3);
    expect(sections[0]).toBe(
      'OPS\n- Weirdness reported: OPS: weirdness reported (#42)\n  https://cairn.example.test/investigations/42',
    );
    expect(sections[1]).toBe(
      'SALES\n- Assigned to you: SALES-3 assigned to you\n  https://cairn.example.test/tickets/SALES-3\n' +
        '- You were mentioned: You were mentioned on SALES-7\n  https://cairn.example.test/tickets/SALES-7',
    );
    expect(sections[2]).toBe(
      'Not about one domain\n- You were mentioned: Mentioned outside a domain\n  https://cairn.example.test/inbox',
    );
    expect(samMail.mail.html).toContain('<a href="https://cairn.example.test/domains/SALES">SALES</a>');
    const samRows = await eventually(async () => {
      const rows = await outboxOf(sam.id);
      return rows.every((row) => row.status === 'sent') ? rows : null;
    });
    expect(samRows).toHaveLength(4);
    expect(new Set(samRows.map((row) => row.messageId))).toEqual(new Set([samMail.mail.messageId]));

    // a second run, once both digests are recorded (the mail arrives before its sender commits), finds nothing left
    await eventually(async () => {
      const rows = await ctx.dataSource.getRepository(MailOutbox).find();
      return rows.every((row) => row.status === 'sent');
    });
    expect(await queueDigests(ctx.dataSource)).toBe(0);
    expect(await quietFor(smtp, 800)).toHaveLength(2);
  });

  it('leaves out of the digest what resolved itself since (a sign-off request already met)', async () => {
    const user = await makeUser(ctx.dataSource, { email: 'met@example.test' });
    await emit([user.id], { kind: 'assigned', entityId: 'RET-4', message: 'RET-4 assigned to you' });
    await emit([user.id], { kind: 'mentioned', entityId: 'RET-5', message: 'Mentioned on RET-5' });
    await ctx.dataSource.query(
      `UPDATE notification SET resolved_at = now(), resolution = 'signed' WHERE user_id = $1 AND message = 'RET-4 assigned to you'`,
      [user.id],
    );
    expect(await queueDigests(ctx.dataSource)).toBe(1);
    const [mail] = await eventually(async () => (smtp.received.length ? smtp.received : null));
    expect(mail.mail.subject).toBe('[Cairn] Your daily digest: 1 notification');
    expect(mail.mail.text).toContain('Mentioned on RET-5');
    expect(mail.mail.text).not.toContain('RET-4');
    const rows = await eventually(async () => {
      const all = await outboxOf(user.id);
      return all.every((row) => row.status !== 'pending') ? all : null;
    });
    expect(rows.map((row) => row.status).sort()).toEqual(['sent', 'skipped']);
  });

  it('retries after a failing SMTP answer (451) and sends once it is accepted', async () => {
    const user = await makeUser(ctx.dataSource, { email: 'retry@example.test' });
    smtp.failNext(1, 451);
    await emit([user.id], { kind: 'domain_at_risk', message: 'At risk, try two' });

    const [received] = await eventually(async () => (smtp.received.length ? smtp.received : null));
    expect(received.envelopeTo).toEqual(['retry@example.test']);
    expect(smtp.refused).toBe(1);
    const [row] = await eventually(async () => {
      const rows = await outboxOf(user.id);
      return rows[0]?.status === 'sent' ? rows : null;
    });
    expect(row).toMatchObject({ attempts: 2, lastError: null });
    expect(await quietFor(smtp, 800)).toHaveLength(1);
  });

  it('marks the mail failed once the retries are used up, with the SMTP answer', async () => {
    const user = await makeUser(ctx.dataSource);
    smtp.failNext(5, 554);
    await emit([user.id], { kind: 'signoff_requested', message: 'Never accepted' });

    const [row] = await eventually(async () => {
      const rows = await outboxOf(user.id);
      return rows[0]?.status === 'failed' ? rows : null;
    });
    expect(row.attempts).toBe(2);
    expect(row.lastError).toMatch(/554.*try again later/);
    expect(smtp.received).toEqual([]);
  });

  it('a digest the SMTP server refuses keeps its items pending for the retry', async () => {
    const user = await makeUser(ctx.dataSource, { email: 'digest-retry@example.test' });
    await emit([user.id], { kind: 'mentioned', message: 'one' });
    await emit([user.id], { kind: 'mentioned', message: 'two' });
    smtp.failNext(1, 421);
    await queueDigests(ctx.dataSource);
    const [received] = await eventually(async () => (smtp.received.length ? smtp.received : null));
    expect(received.mail.subject).toBe('[Cairn] Your daily digest: 2 notifications');
    expect(smtp.refused).toBe(1);
    const rows = await eventually(async () => {
      const all = await outboxOf(user.id);
      return all.every((row) => row.status === 'sent') ? all : null;
    });
    expect(rows.map((row) => row.attempts)).toEqual([2, 2]);
  });

  it('never mails a row twice when two processes send: two workers, two jobs for every row', async () => {
    // Email must be on for notify() to write the rows; this worker never gets to poll again.
    for (const stop of stops) await stop();
    stops = [await startMailWorker(ctx.deps, { ...WORKER, pollingIntervalSeconds: 60 })];
    const users = await Promise.all(
      Array.from({ length: 6 }, (_, i) => makeUser(ctx.dataSource, { email: `p${i}@example.test` })),
    );
    await emit(
      users.map((user) => user.id),
      { kind: 'signoff_requested', message: 'Two processes, one mail each' },
    );
    await stops[0]();
    stops = [];
    // A second job for every row, as when two processes both queue a row (orphans after a crash).
    const rows = await ctx.dataSource.getRepository(MailOutbox).find();
    expect(rows).toHaveLength(users.length);
    const boss = new PgBoss({
      db: poolDb(ctx.dataSource, { count: 0 }),
      schema: 'pgboss',
      migrate: false,
      supervise: false,
      schedule: false,
    });
    await boss.start();
    for (const row of rows) await boss.send(MAIL_QUEUE, { outboxId: row.id }, { retryLimit: 1 });
    await boss.stop({ graceful: false, close: false });
    const jobs: { count: string }[] = await ctx.dataSource.query(
      `SELECT count(*) FROM pgboss.job WHERE name = $1 AND state = 'created'`,
      [MAIL_QUEUE],
    );
    expect(Number(jobs[0].count)).toBe(2 * users.length);

    smtp.delayMs = 150;
    stops = await Promise.all([startMailWorker(ctx.deps, WORKER), startMailWorker(ctx.deps, WORKER)]);
    await eventually(async () => {
      const pending: { count: string }[] = await ctx.dataSource.query(
        `SELECT count(*) FROM pgboss.job WHERE name = $1 AND state IN ('created', 'retry', 'active')`,
        [MAIL_QUEUE],
      );
      return pending[0].count === '0';
    });
    const received = await quietFor(smtp, 800);
    expect(received.map((mail) => mail.envelopeTo[0]).sort()).toEqual(users.map((user) => user.email).sort());
    expect((await ctx.dataSource.getRepository(MailOutbox).find()).map((row) => row.status)).toEqual(
      users.map(() => 'sent'),
    );
  });

  it('never sends twice when two senders claim the same mail or digest at the same moment', async () => {
    for (const stop of stops) await stop();
    stops = [];
    const writer = await startMailWorker(ctx.deps, { ...WORKER, pollingIntervalSeconds: 60 });
    const user = await makeUser(ctx.dataSource, { email: 'race@example.test' });
    await emit([user.id], { kind: 'signoff_requested', message: 'Race for one mail' });
    await emit([user.id], { kind: 'mentioned', message: 'Race for one digest' });
    await writer();
    const [now] = await outboxOf(user.id);
    expect(now.mode).toBe('now');

    smtp.delayMs = 300;
    const sender = (): MailSenderContext => ({
      dataSource: ctx.dataSource,
      transport: createMailTransport(ctx.deps.config, { timeoutMs: 5_000 })!,
      publicUrl: PUBLIC_URL,
      from: FROM,
      now: () => new Date(),
    });
    const [a, b] = [sender(), sender()];
    const attempt = { finalAttempt: false };
    await Promise.all([sendOutboxMail(a, now.id, attempt), sendOutboxMail(b, now.id, attempt)]);
    const sent = await Promise.all([sendDigest(a, user.id, attempt), sendDigest(b, user.id, attempt)]);
    a.transport.close();
    b.transport.close();

    expect(sent.sort()).toEqual([0, 1]);
    expect(smtp.received.map((mail) => mail.mail.subject)).toEqual([
      '[Cairn] Race for one mail',
      '[Cairn] Your daily digest: 1 notification',
    ]);
    expect((await outboxOf(user.id)).map((row) => [row.status, row.attempts])).toEqual([
      ['sent', 1],
      ['sent', 1],
    ]);
  });

  it('schedules the daily digest once a day at CAIRN_MAIL_DIGEST_HOUR, in UTC', async () => {
    const deps = { ...ctx.deps, config: { ...ctx.deps.config, mailDigestHourUtc: 18 } };
    const stop = await startMailDigest(deps);
    try {
      const rows: { cron: string; timezone: string }[] = await ctx.dataSource.query(
        `SELECT cron, timezone FROM pgboss.schedule WHERE name = $1`,
        [MAIL_DIGEST_SCHEDULE_QUEUE],
      );
      expect(rows).toEqual([{ cron: '0 18 * * *', timezone: 'UTC' }]);
    } finally {
      await stop();
    }
    // email turned off: the schedule goes
    await startMailDigest({ ...ctx.deps, config: { ...ctx.deps.config, smtp: null } });
    expect(
      await ctx.dataSource.query(`SELECT name FROM pgboss.schedule WHERE name = $1`, [MAIL_DIGEST_SCHEDULE_QUEUE]),
    ).toEqual([]);
  });

  it('a deactivated person gets no mail', async () => {
    const gone = await makeUser(ctx.dataSource, { active: false });
    const here = await makeUser(ctx.dataSource, { email: 'here@example.test' });
    await emit([gone.id, here.id], { kind: 'signoff_requested', message: 'Only the active one' });
    await eventually(async () => (smtp.received.length ? smtp.received : null));
    expect((await quietFor(smtp, 800)).map((mail) => mail.envelopeTo)).toEqual([['here@example.test']]);
    expect(await outboxOf(gone.id)).toEqual([]);
  });
});

describe('email off (no SMTP configured)', () => {
  it('writes no outbox rows, still files the inbox entry, and the preferences say email is off', async () => {
    const saved = { ...ctx.deps.config };
    Object.assign(ctx.deps.config, { smtp: null, publicUrl: null, mailFrom: null });
    try {
      const stop = await startMailWorker(ctx.deps, WORKER);
      const me = await signedIn(ctx);
      await emit([me.user.id], { kind: 'signoff_requested', message: 'no mail' });
      expect(await ctx.dataSource.getRepository(MailOutbox).count()).toBe(0);
      expect(await ctx.dataSource.getRepository(Notification).countBy({ userId: me.user.id })).toBe(1);
      const view = await request(ctx.app).get('/api/v1/me/notification-preferences').set(me.auth).expect(200);
      expect(view.body.email.enabled).toBe(false);
      await stop();
    } finally {
      Object.assign(ctx.deps.config, saved);
    }
  });
});
