import request from 'supertest';
import type { SearchResult, SearchResults } from '../../shared/api/search';
import { makeArtifactRow, makeDomain, makeInvestigationRow, makeTicketRow } from '../factories/domains';
import { makeUser, signedIn } from '../factories/users';
import { useTestApp } from '../setup/test-app';

const ctx = useTestApp();

async function search(auth: Record<string, string>, query: Record<string, string | number>): Promise<SearchResults> {
  const res = await request(ctx.app).get('/api/v1/search').query(query).set(auth).expect(200);
  return res.body as SearchResults;
}
const brief = (items: SearchResult[]) => items.map((r) => `${r.match} ${r.kind} ${r.title}`);

/** RET with tickets RET-1 … RET-12, an artifact, an investigation and a person about retention. */
async function retentionWorld() {
  const ret = await makeDomain(ctx, { key: 'RET', name: 'Retention metrics', stage: 'weirdness' });
  const bil = await makeDomain(ctx, {
    key: 'BIL',
    name: 'Billing data',
    description: 'Invoices and retention of payers',
  });
  const tickets = [];
  for (let i = 1; i <= 12; i++)
    tickets.push(await makeTicketRow(ctx, ret, { title: i === 12 ? 'Define weekly retention' : `Chore ${i}` }));
  const artifact = await makeArtifactRow(ctx, ret, { name: 'Weekly retention', status: 'ready' });
  const definedAs = await makeArtifactRow(ctx, bil, {
    name: 'Paying users',
    details: { definition: 'Users with an invoice; used for retention of payers' },
  });
  const investigation = await makeInvestigationRow(ctx, ret, {
    title: 'Sunday dip',
    observed: 'Retention drops every Sunday',
  });
  const person = await makeUser(ctx.dataSource, { name: 'Reta Lind', email: 'reta@example.test' });
  return { ret, bil, tickets, artifact, definedAs, investigation, person };
}

describe('GET /search', () => {
  it('401 signed out; a viewer finds every kind, ranked exact key > prefix > text', async () => {
    const world = await retentionWorld();
    await request(ctx.app).get('/api/v1/search?q=ret').expect(401);
    const viewer = await signedIn(ctx, 'viewer');

    // "ret": the domain key RET exactly; names that begin with "ret"; "ret…" words anywhere
    const page = await search(viewer.auth, { q: 'ret' });
    expect(brief(page.items)).toEqual([
      'exact domain Retention metrics',
      'prefix person Reta Lind',
      'text domain Billing data',
      'text artifact Paying users',
      'text artifact Weekly retention',
      'text ticket Define weekly retention',
      'text investigation Sunday dip',
    ]);
    expect(page.nextCursor).toBeNull();
    const [domain] = page.items;
    expect(domain).toEqual({
      kind: 'domain',
      match: 'exact',
      ref: 'RET',
      title: 'Retention metrics',
      detail: 'weirdness',
      domainKey: 'RET',
    });
    const investigation = page.items.find((r) => r.kind === 'investigation');
    expect(investigation).toMatchObject({ ref: String(world.investigation.id), domainKey: 'RET' });
    expect(page.items.find((r) => r.kind === 'person')).toMatchObject({
      ref: world.person.id,
      detail: 'reta@example.test',
      domainKey: null,
    });

    // "weekly ret": both words as prefixes; the artifact's name begins with them, the ticket's does not
    expect(brief((await search(viewer.auth, { q: 'weekly ret' })).items)).toEqual([
      'prefix artifact Weekly retention',
      'text ticket Define weekly retention',
    ]);
  });

  it('a ticket key is exact first, then the keys it begins; #64 and 64 find investigation 64 first', async () => {
    const world = await retentionWorld();
    const { auth } = await signedIn(ctx, 'member');
    const byKey = await search(auth, { q: 'ret-1' });
    expect(byKey.items[0]).toMatchObject({ kind: 'ticket', match: 'exact', ref: 'RET-1', domainKey: 'RET' });
    // RET-10, RET-11, RET-12 begin with RET-1, newest first
    expect(byKey.items.slice(1).map((r) => `${r.match} ${r.ref}`)).toEqual([
      'prefix RET-12',
      'prefix RET-11',
      'prefix RET-10',
    ]);

    const exact12 = await search(auth, { q: 'RET-12' });
    expect(exact12.items.map((r) => `${r.match} ${r.ref}`)).toEqual(['exact RET-12']);

    const other = await makeInvestigationRow(ctx, world.ret, { title: `About #${world.investigation.id} again` });
    for (const q of [`#${world.investigation.id}`, String(world.investigation.id)]) {
      const page = await search(auth, { q });
      expect(page.items[0]).toMatchObject({
        kind: 'investigation',
        match: 'exact',
        ref: String(world.investigation.id),
      });
      // the other one mentions the number in its title: a text match, after the exact one
      expect(page.items.map((r) => r.ref)).toContain(String(other.id));
      expect(page.items.findIndex((r) => r.ref === String(other.id))).toBeGreaterThan(0);
    }

    // an e-mail address is an exact match of that person
    expect((await search(auth, { q: 'RETA@example.test' })).items[0]).toMatchObject({ kind: 'person', match: 'exact' });
  });

  it('pages with a keyset cursor across tiers and kinds without repeating or skipping a result', async () => {
    const world = await retentionWorld();
    const { auth } = await signedIn(ctx, 'member');
    const all = await search(auth, { q: 'ret', limit: 50 });
    expect(all.items).toHaveLength(7);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: SearchResults = await search(auth, { q: 'ret', limit: 2, ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((r) => `${r.kind}:${r.ref}`));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(4);
    expect(seen).toEqual(all.items.map((r) => `${r.kind}:${r.ref}`));

    // many tickets of one tier: pages of the ticket-key prefixes in order
    const keys: string[] = [];
    let next: string | null = null;
    do {
      const page: SearchResults = await search(auth, {
        q: 'RET-',
        limit: 5,
        kinds: 'ticket',
        ...(next ? { cursor: next } : {}),
      });
      keys.push(...page.items.map((r) => r.ref));
      next = page.nextCursor;
    } while (next);
    expect(keys).toEqual(world.tickets.map((t) => t.key).reverse());
  });

  it('kinds narrows the list; deactivated people are left out; punctuation alone finds nothing', async () => {
    await retentionWorld();
    await makeUser(ctx.dataSource, { name: 'Retired Person', email: 'retired@example.test', active: false });
    const { auth } = await signedIn(ctx, 'member');
    const domains = await search(auth, { q: 'ret', kinds: 'domain' });
    expect(domains.items.map((r) => r.ref)).toEqual(['RET', 'BIL']);
    const people = await search(auth, { q: 'ret', kinds: 'person,domain' });
    expect(people.items.map((r) => r.title)).toEqual(['Retention metrics', 'Reta Lind', 'Billing data']);
    expect((await search(auth, { q: '%_*' })).items).toEqual([]);
    expect((await search(auth, { q: "'&|!:*" })).items).toEqual([]);
  });

  it('400 problem+json on a missing, blank or too long q, an unknown kind, a bad limit or cursor', async () => {
    const { auth } = await signedIn(ctx, 'member');
    const cases: [Record<string, string>, string][] = [
      [{}, 'q'],
      [{ q: '   ' }, 'q'],
      [{ q: 'x'.repeat(201) }, 'q'],
      [{ q: 'ret', kinds: 'domain,planet' }, 'kinds'],
      [{ q: 'ret', limit: '0' }, 'limit'],
      [{ q: 'ret', limit: '51' }, 'limit'],
      [{ q: 'ret', cursor: 'not-a-cursor' }, 'cursor'],
      [{ q: 'ret', cursor: Buffer.from(JSON.stringify([2, 0, 'yesterday', 'x'])).toString('base64url') }, 'cursor'],
      [
        { q: 'ret', cursor: Buffer.from(JSON.stringify([7, 0, '2026-01-01 00:00:00+00', '1'])).toString('base64url') },
        'cursor',
      ],
    ];
    for (const [query, field] of cases) {
      const res = await request(ctx.app).get('/api/v1/search').query(query).set(auth);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect((res.body as { errors: { field: string }[] }).errors.map((e) => e.field)).toContain(field);
    }
  });
});
