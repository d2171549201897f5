import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { WebhookDelivery } from '../../server/modules/webhooks/webhook-delivery.entity';
import { startWebhookWorker } from '../../server/modules/webhooks/webhook-queue';
import { makeArtifactRow, makeDomain, makeDomainUser } from '../factories/domains';
import { signedIn } from '../factories/users';
import { eventually } from '../factories/webhooks';
import { useTestApp } from '../setup/test-app';

const ctx = useTestApp();
const PUBLIC_URL = 'https://cairn.example.com';

interface SlackHit {
  path: string;
  headers: http.IncomingHttpHeaders;
  rawBody: string;
  body: { text: string; blocks: Record<string, unknown>[] };
}

/**
 * A stand-in for Slack's incoming webhooks on loopback: like Slack it answers 400 `invalid_blocks`
 * to a body that is not a Block Kit message (text plus header, section, context and actions blocks
 * of the right shapes), and 200 `ok` otherwise.
 */
async function startSlack(): Promise<{ url: string; hits: SlackHit[]; close(): Promise<void> }> {
  const hits: SlackHit[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      let valid = false;
      try {
        const body = JSON.parse(rawBody);
        const [header, section, context, actions] = body.blocks ?? [];
        valid =
          typeof body.text === 'string' &&
          body.blocks.length === 4 &&
          header.type === 'header' &&
          header.text.type === 'plain_text' &&
          header.text.text.length <= 150 &&
          section.type === 'section' &&
          section.text.type === 'mrkdwn' &&
          context.type === 'context' &&
          context.elements.every((e: { type: string }) => e.type === 'mrkdwn') &&
          actions.type === 'actions' &&
          actions.elements[0].type === 'button' &&
          /^https?:\/\//.test(actions.elements[0].url);
        if (valid) hits.push({ path: req.url ?? '', headers: req.headers, rawBody, body });
      } catch {
        valid = false;
      }
      res.statusCode = valid ? 200 : 400;
      res.end(valid ? 'ok' : 'invalid_blocks');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('Slack connections', () => {
  let slack: Awaited<ReturnType<typeof startSlack>>;
  let stopWorker: (() => Promise<void>) | null = null;
  let publicUrl: string | null;

  beforeAll(async () => {
    slack = await startSlack();
  });
  beforeEach(async () => {
    slack.hits.length = 0;
    publicUrl = ctx.deps.config.publicUrl;
    ctx.deps.config.publicUrl = PUBLIC_URL;
    stopWorker = await startWebhookWorker(ctx.deps, {
      retryLimit: 1,
      retryDelaySeconds: 1,
      pollingIntervalSeconds: 0.5,
      requestTimeoutMs: 3_000,
    });
  });
  afterEach(async () => {
    await stopWorker?.();
    stopWorker = null;
    ctx.deps.config.publicUrl = publicUrl;
  });
  afterAll(async () => {
    await slack.close();
  });

  it('an admin connects one per domain and one for everything; events arrive as Block Kit, signed', async () => {
    const admin = await signedIn(ctx, 'admin');
    const ret = await makeDomain(ctx, { key: 'RET', stage: 'certified' });
    const oth = await makeDomain(ctx, { key: 'OTH', stage: 'certified' });
    const metric = await makeArtifactRow(ctx, ret, { status: 'ready', name: 'Weekly <retention> & churn' });
    const retProduct = await makeDomainUser(ctx, ret, ['product_lead']);
    const othProduct = await makeDomainUser(ctx, oth, ['product_lead']);

    const scoped = await request(ctx.app)
      .post('/api/v1/webhooks')
      .set(admin.auth)
      .send({
        url: `${slack.url}/services/T0/B0/ret`,
        format: 'slack',
        domainKey: 'ret',
        eventTypes: ['domain_at_risk', 'investigation_reported'],
      })
      .expect(201);
    expect(scoped.body).toMatchObject({
      format: 'slack',
      domainKey: 'RET',
      eventTypes: ['domain_at_risk', 'investigation_reported'],
    });
    expect(scoped.headers.location).toBe(`/api/v1/webhooks/${scoped.body.id}`);
    const everything = await request(ctx.app)
      .post('/api/v1/webhooks')
      .set(admin.auth)
      .send({ url: `${slack.url}/services/T0/B0/all`, format: 'slack', eventTypes: ['investigation_reported'] })
      .expect(201);
    expect(everything.body).toMatchObject({ format: 'slack', domainKey: null });
    const list = await request(ctx.app).get('/api/v1/webhooks').set(admin.auth).expect(200);
    expect(list.body.items.map((w: { domainKey: string | null }) => w.domainKey).sort()).toEqual(['RET', null].sort());

    const onRet = await request(ctx.app)
      .post('/api/v1/domains/RET/investigations')
      .set(retProduct.auth)
      .send({ title: 'Retention doubled', observed: 'x2 since Monday', severity: 'critical', artifactId: metric.id })
      .expect(201);
    await request(ctx.app)
      .post('/api/v1/domains/OTH/investigations')
      .set(othProduct.auth)
      .send({ title: 'Other oddity', observed: 'odd', severity: 'low' })
      .expect(201);

    await eventually(async () => slack.hits.length >= 4);
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // nothing more arrives
    const byPath = (path: string) => slack.hits.filter((h) => h.path === path);
    const retHits = byPath('/services/T0/B0/ret');
    const allHits = byPath('/services/T0/B0/all');
    // the domain's connection: its reported investigation and its at-risk alarm, nothing of OTH
    expect(
      retHits
        .map((h) => h.body.blocks[0])
        .map((b) => (b.text as { text: string }).text)
        .sort(),
    ).toEqual(['Domain at risk', 'Weirdness reported']);
    // the connection for everything: both domains' reports, no at-risk (not subscribed)
    expect(allHits).toHaveLength(2);
    expect(allHits.map((h) => JSON.stringify(h.body)).some((b) => b.includes('Domain *OTH*'))).toBe(true);

    const reported = retHits.find((h) => (h.body.blocks[0].text as { text: string }).text === 'Weirdness reported')!;
    expect(reported.body.blocks[2]).toMatchObject({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: 'Domain *RET*' }, { type: 'mrkdwn' }],
    });
    expect(reported.body.blocks[3]).toEqual({
      type: 'actions',
      elements: [
        {
          type: 'button',
          text: { type: 'plain_text', text: 'Open in Cairn' },
          url: `${PUBLIC_URL}/investigations/${onRet.body.id}`,
          action_id: 'open_in_cairn',
        },
      ],
    });
    expect(reported.body.text).toContain('Weirdness reported: ');
    const atRisk = retHits.find((h) => (h.body.blocks[0].text as { text: string }).text === 'Domain at risk')!;
    expect((atRisk.body.blocks[1].text as { text: string }).text).toContain('RET is at risk');
    expect((atRisk.body.blocks[3].elements as { url: string }[])[0].url).toBe(`${PUBLIC_URL}/domains/RET`);
    // signed the Standard Webhooks way with the connection's (generated) secret, like every webhook
    expect(
      new StandardWebhook(scoped.body.secret).verify(atRisk.rawBody, atRisk.headers as Record<string, string>),
    ).toBeTruthy();
    const deliveries = await ctx.dataSource.getRepository(WebhookDelivery).findBy({ webhookId: scoped.body.id });
    expect(deliveries.map((d) => d.status)).toEqual(['succeeded', 'succeeded']);
  });

  it('escapes mrkdwn in the message', async () => {
    const admin = await signedIn(ctx, 'admin');
    const domain = await makeDomain(ctx, { key: 'ESC', stage: 'weirdness' });
    const member = await makeDomainUser(ctx, domain, ['contributor']);
    await makeDomainUser(ctx, domain, ['ds_lead']);
    await request(ctx.app)
      .post('/api/v1/webhooks')
      .set(admin.auth)
      .send({ url: `${slack.url}/services/x`, format: 'slack', eventTypes: ['investigation_reported'] })
      .expect(201);
    await request(ctx.app)
      .post('/api/v1/domains/ESC/investigations')
      .set(member.auth)
      .send({ title: 'a <b> & c', observed: 'x', severity: 'low' })
      .expect(201);
    const [hit] = await eventually(async () => (slack.hits.length ? slack.hits : null));
    const text = (hit.body.blocks[1].text as { text: string }).text;
    expect(text).toContain('a &lt;b&gt; &amp; c');
    expect(text).not.toContain('<b>');
  });

  it('validates the connection: format, an existing domain, admins only, and the SSRF rules of webhooks', async () => {
    const admin = await signedIn(ctx, 'admin');
    const member = await signedIn(ctx, 'member');
    const body = { url: 'https://hooks.slack.com/services/T0/B0/x', format: 'slack', eventTypes: ['domain_at_risk'] };
    await request(ctx.app).post('/api/v1/webhooks').set(member.auth).send(body).expect(403);
    const unknown = await request(ctx.app)
      .post('/api/v1/webhooks')
      .set(admin.auth)
      .send({ ...body, domainKey: 'NOPE' })
      .expect(400);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'domainKey' })]);
    await request(ctx.app)
      .post('/api/v1/webhooks')
      .set(admin.auth)
      .send({ ...body, format: 'teams' })
      .expect(400);
    ctx.deps.config.webhookAllowPrivate = false;
    try {
      const inward = await request(ctx.app)
        .post('/api/v1/webhooks')
        .set(admin.auth)
        .send({ ...body, url: 'http://127.0.0.1:8080/services/x' })
        .expect(400);
      expect(inward.body.errors).toEqual([expect.objectContaining({ field: 'url' })]);
    } finally {
      ctx.deps.config.webhookAllowPrivate = true;
    }
    const created = await request(ctx.app).post('/api/v1/webhooks').set(admin.auth).send(body).expect(201);
    await makeDomain(ctx, { key: 'RET' });
    const scoped = await request(ctx.app)
      .patch(`/api/v1/webhooks/${created.body.id}`)
      .set(admin.auth)
      .send({ domainKey: 'RET' })
      .expect(200);
    expect(scoped.body).toMatchObject({ domainKey: 'RET', format: 'slack' });
    const widened = await request(ctx.app)
      .patch(`/api/v1/webhooks/${created.body.id}`)
      .set(admin.auth)
      .send({ domainKey: null })
      .expect(200);
    expect(widened.body.domainKey).toBeNull();
  });
});
