import request from 'supertest';
import { parseIfMatch } from '../../server/http/preconditions';
import { makeArtifact } from '../factories/artifacts';
import { makeDomain } from '../factories/domains';
import { makeInvestigation, makeWeirdnessDomain } from '../factories/investigations';
import { makeTicket } from '../factories/tickets';
import { signedIn } from '../factories/users';
import { useTestApp } from '../setup/test-app';

const ctx = useTestApp();

/** Every versioned resource: where it lives and one harmless edit of it. */
const RESOURCES: { name: string; make: () => Promise<{ url: string; edit: object }> }[] = [
  { name: 'domain', make: async () => ({ url: `/api/v1/domains/${(await makeDomain(ctx)).key}`, edit: { description: 'Edited' } }) },
  { name: 'ticket', make: async () => ({ url: `/api/v1/tickets/${(await makeTicket(ctx)).key}`, edit: { title: 'Edited title' } }) },
  { name: 'artifact', make: async () => ({ url: `/api/v1/artifacts/${(await makeArtifact(ctx)).id}`, edit: { name: 'Edited name' } }) },
  {
    name: 'investigation',
    make: async () => ({
      url: `/api/v1/investigations/${(await makeInvestigation(ctx, await makeWeirdnessDomain(ctx))).id}`,
      edit: { title: 'Edited title' },
    }),
  },
];

describe.each(RESOURCES)('optimistic concurrency: $name', ({ make }) => {
  it('sends a strong ETag of the version; If-Match with it edits and answers the next one', async () => {
    const { auth } = await signedIn(ctx, 'admin');
    const { url, edit } = await make();
    const read = await request(ctx.app).get(url).set(auth).expect(200);
    expect(read.headers.etag).toBe(`"${read.body.version}"`);
    const edited = await request(ctx.app).patch(url).set(auth).set('If-Match', read.headers.etag).send(edit).expect(200);
    expect(edited.body.version).toBe(read.body.version + 1);
    expect(edited.headers.etag).toBe(`"${edited.body.version}"`);
    // the ETag the server sent is what a second edit sends back
    await request(ctx.app).patch(url).set(auth).set('If-Match', edited.headers.etag).send(edit).expect(200);
  });

  it('412 with the current version when the ETag is stale or weak; 428 without one; 400 when malformed; nothing changes', async () => {
    const { auth } = await signedIn(ctx, 'admin');
    const { url, edit } = await make();
    const read = await request(ctx.app).get(url).set(auth).expect(200);
    const version: number = read.body.version;
    for (const tag of [`"${version + 5}"`, `W/"${version}"`, `"${version + 1}", "${version + 2}"`]) {
      const stale = await request(ctx.app).patch(url).set(auth).set('If-Match', tag).send(edit).expect(412);
      expect(stale.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(stale.body).toMatchObject({ status: 412, code: 'version_conflict', currentVersion: version });
    }
    const missing = await request(ctx.app).patch(url).set(auth).send(edit).expect(428);
    expect(missing.body.code).toBe('precondition_required');
    for (const malformed of ['abc', '"1', '"1" "2"', ',']) {
      const bad = await request(ctx.app).patch(url).set(auth).set('If-Match', malformed).send(edit).expect(400);
      expect(bad.body.errors[0].field).toBe('If-Match');
    }
    expect((await request(ctx.app).get(url).set(auth).expect(200)).body.version).toBe(version);
  });

  it('If-Match: * and a list holding the current tag both edit', async () => {
    const { auth } = await signedIn(ctx, 'admin');
    const { url, edit } = await make();
    const read = await request(ctx.app).get(url).set(auth).expect(200);
    await request(ctx.app).patch(url).set(auth).set('If-Match', '*').send(edit).expect(200);
    const version = read.body.version + 1;
    await request(ctx.app).patch(url).set(auth).set('If-Match', `"${version + 9}", "${version}"`).send(edit).expect(200);
  });

  it('a conditional GET is answered in full: the tag names the version, not the computed view', async () => {
    const { auth } = await signedIn(ctx, 'admin');
    const { url } = await make();
    const read = await request(ctx.app).get(url).set(auth).expect(200);
    const again = await request(ctx.app).get(url).set(auth).set('If-None-Match', read.headers.etag).expect(200);
    expect(again.body.version).toBe(read.body.version);
  });
});

describe('parseIfMatch (RFC 9110 §13.1.1)', () => {
  it('reads *, strong tags and lists; weak and non-version tags never match; bare numbers are accepted', () => {
    expect(parseIfMatch(undefined)).toBeUndefined();
    expect(parseIfMatch(' * ')).toBe('*');
    expect(parseIfMatch('"3"')).toEqual([3]);
    expect(parseIfMatch('"3", "4" ,"5"')).toEqual([3, 4, 5]);
    expect(parseIfMatch('W/"3"')).toEqual([]);
    expect(parseIfMatch('"abc", "7"')).toEqual([7]);
    expect(parseIfMatch('3')).toEqual([3]);
  });

  it('refuses what is not an entity-tag list with a 400 naming If-Match', () => {
    for (const header of ['', 'abc', '"3', '3"', '"3" "4"', '"3",,', 'W/3', '*, "3"']) {
      expect(() => parseIfMatch(header)).toThrow(expect.objectContaining({ status: 400 }));
    }
  });
});
