import pino from 'pino';
import request from 'supertest';
import { createApp } from '../../server/app';
import type { CatalogEntryView } from '../../shared/api/catalog';
import { AuditEvent } from '../../server/modules/audit/audit-event.entity';
import { makeArtifact, makeCaveat } from '../factories/artifacts';
import { makeDomain, makeDomainUser } from '../factories/domains';
import { signedIn } from '../factories/users';
import { useTestApp } from '../setup/test-app';

const ctx = useTestApp();
const MISSING = '00000000-0000-4000-8000-000000000000';

async function tokenOf(table: 'artifact' | 'domain', id: string): Promise<string> {
  const [row]: { badge_token: string }[] = await ctx.dataSource.query(
    `SELECT badge_token FROM "${table}" WHERE id = $1`,
    [id],
  );
  return row.badge_token;
}

async function fixture() {
  const domain = await makeDomain(ctx, { key: 'RET', name: 'Retention', stage: 'certified' });
  const artifact = await makeArtifact(ctx, {
    domain,
    name: 'Weekly active retention',
    status: 'ready',
    details: { definition: 'secret definition' },
  });
  await makeCaveat(ctx, artifact, { text: 'Dips every Dec 25' });
  await makeCaveat(ctx, artifact, { text: 'Bots removed since March' });
  const old = await makeArtifact(ctx, { domain, name: 'Old retention', status: 'deprecated' });
  await makeCaveat(ctx, old, { text: 'Do not use' });
  return {
    domain,
    artifact,
    token: await tokenOf('artifact', artifact.id),
    domainToken: await tokenOf('domain', domain.id),
  };
}

describe('GET /badges/artifacts/:id.svg|json', () => {
  it('answers without a session: name, status and caveat count only; cached for a minute with an ETag', async () => {
    const { artifact, token } = await fixture();
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    const json = await request(ctx.app).get(`/api/v1/badges/artifacts/${artifact.id}.json?token=${token}`).expect(200);
    expect(json.body).toEqual({ name: 'Weekly active retention', status: 'certified', caveats: 2 });
    expect(json.headers['cache-control']).toBe('max-age=60');
    expect(json.headers['cross-origin-resource-policy']).toBe('cross-origin');
    const svg = await request(ctx.app).get(`/api/v1/badges/artifacts/${artifact.id}.svg?token=${token}`).expect(200);
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(svg.headers['cache-control']).toBe('max-age=60');
    const text = svg.body.toString('utf8');
    expect(text).toContain('<svg');
    expect(text).toContain('certified · 2 caveats');
    expect(text).toContain('#1e6b34');
    expect(text).not.toContain('secret definition');
    expect(text).not.toContain('Dips');
    const etag = svg.headers.etag;
    expect(etag).toMatch(/^"[\w-]+"$/);
    await request(ctx.app)
      .get(`/api/v1/badges/artifacts/${artifact.id}.svg?token=${token}`)
      .set('If-None-Match', etag)
      .expect(304);
    // a new caveat changes the badge, and so its ETag, once the process's one-second cache has passed
    await makeCaveat(ctx, artifact, { text: 'A third one' });
    const cached = await request(ctx.app)
      .get(`/api/v1/badges/artifacts/${artifact.id}.json?token=${token}`)
      .expect(200);
    expect(cached.body.caveats).toBe(2);
    ctx.setNow(new Date(Date.now() + 1500));
    const changed = await request(ctx.app)
      .get(`/api/v1/badges/artifacts/${artifact.id}.svg?token=${token}`)
      .set('If-None-Match', etag)
      .expect(200);
    expect(changed.body.toString('utf8')).toContain('3 caveats');
  });

  it('shows each status in its colour, escaping the name', async () => {
    const atRisk = await makeDomain(ctx, { stage: 'certified', atRisk: true, atRiskReason: 'High #3' });
    const early = await makeDomain(ctx, { stage: 'scoping' });
    const cases = [
      { domain: atRisk, status: 'ready' as const, text: 'at risk · 0 caveats', colour: '#a61b1b', json: 'at_risk' },
      {
        domain: early,
        status: 'ready' as const,
        text: 'in progress · 0 caveats',
        colour: '#8a5300',
        json: 'in_progress',
      },
      {
        domain: atRisk,
        status: 'deprecated' as const,
        text: 'deprecated · 0 caveats',
        colour: '#6b7280',
        json: 'deprecated',
      },
    ];
    for (const c of cases) {
      const artifact = await makeArtifact(ctx, { domain: c.domain, status: c.status, name: '<script>x</script>' });
      const token = await tokenOf('artifact', artifact.id);
      const svg = await request(ctx.app).get(`/api/v1/badges/artifacts/${artifact.id}.svg?token=${token}`).expect(200);
      const text = svg.body.toString('utf8');
      expect(text).toContain(c.text);
      expect(text).toContain(c.colour);
      expect(text).not.toContain('<script>');
      const json = await request(ctx.app)
        .get(`/api/v1/badges/artifacts/${artifact.id}.json?token=${token}`)
        .expect(200);
      expect(json.body.status).toBe(c.json);
    }
  });

  it('a wrong, missing or rotated token and an unknown id all answer the same 404', async () => {
    const { artifact, token } = await fixture();
    const answers = await Promise.all(
      [
        `/api/v1/badges/artifacts/${artifact.id}.svg?token=${'0'.repeat(64)}`,
        `/api/v1/badges/artifacts/${artifact.id}.svg?token=${token.slice(0, 63)}`,
        `/api/v1/badges/artifacts/${artifact.id}.svg`,
        `/api/v1/badges/artifacts/${MISSING}.svg?token=${token}`,
        `/api/v1/badges/artifacts/not-an-id.svg?token=${token}`,
      ].map((path) => request(ctx.app).get(path)),
    );
    for (const res of answers) {
      expect(res.status).toBe(404);
      expect({ code: res.body.code, detail: res.body.detail }).toEqual({
        code: 'not_found',
        detail: 'Badge was not found.',
      });
    }
  });

  it('a token that is not one string, or an unknown parameter, is a 400 before any lookup', async () => {
    const { artifact, token } = await fixture();
    for (const query of [`token[]=${token}`, `token=${token}&v=2`, 'token=%00']) {
      const res = await request(ctx.app).get(`/api/v1/badges/artifacts/${artifact.id}.svg?${query}`).expect(400);
      expect(res.body.code).toBe('validation_failed');
    }
    const empty = await request(ctx.app).get('/api/v1/badges/domains/.svg').expect(404);
    expect(empty.body.code).toBe('route_not_found');
  });

  it('a lead rotates the token (audited, token never logged): the old URL stops answering', async () => {
    const { domain, artifact, token } = await fixture();
    const lead = await makeDomainUser(ctx, domain, ['ds_lead']);
    const member = await signedIn(ctx);
    const viewer = await signedIn(ctx, 'viewer');
    await request(ctx.app).post(`/api/v1/artifacts/${artifact.id}/badge-token`).expect(401);
    await request(ctx.app).post(`/api/v1/artifacts/${artifact.id}/badge-token`).set(member.auth).expect(403);
    await request(ctx.app).post(`/api/v1/artifacts/${artifact.id}/badge-token`).set(viewer.auth).expect(403);
    await request(ctx.app).post(`/api/v1/artifacts/${MISSING}/badge-token`).set(lead.auth).expect(404);
    expect(await tokenOf('artifact', artifact.id)).toBe(token);
    const res = await request(ctx.app).post(`/api/v1/artifacts/${artifact.id}/badge-token`).set(lead.auth).expect(200);
    const fresh = await tokenOf('artifact', artifact.id);
    expect(fresh).not.toBe(token);
    expect(res.body).toEqual({
      svgUrl: `/api/v1/badges/artifacts/${artifact.id}.svg?token=${fresh}`,
      jsonUrl: `/api/v1/badges/artifacts/${artifact.id}.json?token=${fresh}`,
    });
    await request(ctx.app).get(`/api/v1/badges/artifacts/${artifact.id}.svg?token=${token}`).expect(404);
    await request(ctx.app).get(res.body.svgUrl).expect(200);
    const audit = await ctx.dataSource
      .getRepository(AuditEvent)
      .findOneByOrFail({ action: 'artifact.badge_token_rotate', entityId: artifact.id });
    expect(audit).toMatchObject({ actorId: lead.user.id, domainId: domain.id });
    expect(JSON.stringify(audit)).not.toContain(fresh);
    // the catalog shows signed-in users the current URLs, and who may rotate them
    const entry = (await request(ctx.app).get(`/api/v1/catalog/${artifact.id}`).set(lead.auth).expect(200))
      .body as CatalogEntryView;
    expect(entry.badges.artifact).toEqual(res.body);
    expect(entry.can.rotateBadge).toBe(true);
    const asMember = await request(ctx.app).get(`/api/v1/catalog/${artifact.id}`).set(member.auth).expect(200);
    expect(asMember.body.can.rotateBadge).toBe(false);
  });
});

describe('GET /badges/domains/:key.svg|json', () => {
  it("the domain's trust and the caveats of its artifacts in use; rotatable by a lead; same 404s", async () => {
    const { domain, domainToken } = await fixture();
    const json = await request(ctx.app).get(`/api/v1/badges/domains/RET.json?token=${domainToken}`).expect(200);
    expect(json.body).toEqual({ name: 'Retention', status: 'certified', caveats: 2 });
    expect(json.headers.etag).toBeDefined();
    const svg = await request(ctx.app).get(`/api/v1/badges/domains/ret.svg?token=${domainToken}`).expect(200);
    expect(svg.body.toString('utf8')).toContain('certified · 2 caveats');
    for (const path of [
      `/api/v1/badges/domains/RET.svg?token=wrong`,
      `/api/v1/badges/domains/RET.svg`,
      `/api/v1/badges/domains/NOPE.svg?token=${domainToken}`,
      `/api/v1/badges/domains/!!.json?token=${domainToken}`,
    ]) {
      const res = await request(ctx.app).get(path).expect(404);
      expect(res.body.detail).toBe('Badge was not found.');
    }
    const lead = await makeDomainUser(ctx, domain, ['product_lead']);
    const member = await signedIn(ctx);
    await request(ctx.app).post('/api/v1/domains/RET/badge-token').set(member.auth).expect(403);
    const rotated = await request(ctx.app).post('/api/v1/domains/RET/badge-token').set(lead.auth).expect(200);
    await request(ctx.app).get(`/api/v1/badges/domains/RET.svg?token=${domainToken}`).expect(404);
    await request(ctx.app).get(rotated.body.svgUrl).expect(200);
    expect(
      await ctx.dataSource
        .getRepository(AuditEvent)
        .countBy({ action: 'domain.badge_token_rotate', domainId: domain.id }),
    ).toBe(1);
  });
});

describe('badge tokens stay out of the access log', () => {
  it('logs the badge request with its token redacted', async () => {
    const { artifact, token } = await fixture();
    const lines: string[] = [];
    const app = createApp(ctx.deps, { logger: pino({ level: 'info' }, { write: (line: string) => lines.push(line) }) });
    await request(app).get(`/api/v1/badges/artifacts/${artifact.id}.svg?token=${token}`).expect(200);
    const urls = lines.map((line) => (JSON.parse(line) as { req?: { url: string } }).req?.url).filter(Boolean);
    expect(urls).toEqual([`/api/v1/badges/artifacts/${artifact.id}.svg?token=[redacted]`]);
    expect(lines.join('\n')).not.toContain(token);
  });
});
