import request from 'supertest';
import { csvField, csvLine } from '../../server/http/csv';
import { makeDomain, makeTicket } from '../factories/tickets';
import { makeInvestigation } from '../factories/investigations';
import { makeUser, signedIn } from '../factories/users';
import { bytes, parseCsv } from '../factories/csv';
import { useTestApp } from '../setup/test-app';

const ctx = useTestApp();

async function download(path: string, auth: { Authorization: string }) {
  const res = await request(ctx.app).get(path).set(auth).buffer(true).parse(bytes).expect(200);
  const body = res.body as Buffer;
  const records = parseCsv(body.toString('utf8').replace(/^\uFEFF/, ''));
  const [header, ...rows] = records;
  // rows as objects by header name, so the assertions read by column
  const objects = rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i]])));
  return { res, body, header, rows: objects };
}

describe('shared CSV writer (server/http/csv.ts)', () => {
  it('quotes every field: commas, quotes, newlines; keeps unicode', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('one\r\ntwo')).toBe('"one\r\ntwo"');
    expect(csvField('Zoë 日本')).toBe('"Zoë 日本"');
    expect(csvField('plain')).toBe('"plain"');
    // a field with `;` stays one cell in a locale whose separator is `;`
    expect(csvField('a;b')).toBe('"a;b"');
    expect(csvField(undefined)).toBe('""');
    expect(csvField(false)).toBe('"false"');
    expect(csvLine(['a', null, 'b,c'])).toBe('"a","","b,c"\r\n');
  });

  it('neutralises a formula start (= + - @ tab CR) at the start and after ; | tab CR LF inside a field', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      expect(csvField(`${start}1+1`)).toBe(`"'${start}1+1"`);
    }
    expect(csvField('ok;=1+1')).toBe(`"ok;'=1+1"`);
    expect(csvField('lbl|=1+1')).toBe(`"lbl|'=1+1"`);
    expect(csvField('a|+cmd')).toBe(`"a|'+cmd"`);
    expect(csvField('x\t@SUM(A1)')).toBe(`"x\t'@SUM(A1)"`);
    expect(csvField('x\n-2+3')).toBe(`"x\n'-2+3"`);
    expect(csvField('x\r\n=1')).toBe(`"x\r\n'=1"`);
    expect(csvField('x\r=1')).toBe(`"x\r'=1"`);
    expect(csvField('\t=1')).toBe(`"'\t'=1"`);
    expect(csvField('=HYPERLINK("http://x.test";"y")')).toBe(`"'=HYPERLINK(""http://x.test"";""y"")"`);
    // separators followed by nothing formula-like leave the text as it was
    expect(csvField('a; b | c')).toBe('"a; b | c"');
    expect(csvField('2026-01-02T03:04:05.000Z')).toBe('"2026-01-02T03:04:05.000Z"');
  });
});

describe('GET /domains/:key/tickets.csv', () => {
  it('401 without a user; 404 for an unknown domain; 400 for a bad filter (problem+json, not a CSV)', async () => {
    await makeDomain(ctx, { key: 'RET' });
    const viewer = await signedIn(ctx, 'viewer');
    await request(ctx.app).get('/api/v1/domains/RET/tickets.csv').expect(401);
    const missing = await request(ctx.app).get('/api/v1/domains/NOPE/tickets.csv').set(viewer.auth).expect(404);
    expect(missing.headers['content-type']).toMatch(/application\/problem\+json/);
    await request(ctx.app).get('/api/v1/domains/RET/tickets.csv?status=bogus').set(viewer.auth).expect(400);
    await request(ctx.app).get('/api/v1/domains/RET/tickets.csv?bom=yes').set(viewer.auth).expect(400);
  });

  it('a viewer exports; tricky text is quoted and round-trips; attachment headers', async () => {
    const domain = await makeDomain(ctx, { key: 'RET' });
    const assignee = await makeUser(ctx.dataSource, { name: 'Doe, "Jo"' });
    await makeTicket(ctx, {
      domain,
      title: 'Zoë says "hi", twice',
      body: 'line one\nline two\r\nline three',
      assigneeId: assignee.id,
      labels: ['a', 'b'],
    });
    await makeTicket(ctx, { domain, title: '=SUM(A1)' });
    await makeTicket(ctx, { domain, title: 'ok;=1+1', labels: ['lbl', '=1+1'] });
    const viewer = await signedIn(ctx, 'viewer');
    const { res, body, header, rows } = await download('/api/v1/domains/RET/tickets.csv', viewer.auth);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="cairn-ret-tickets-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(body[0]).not.toBe(0xef);
    expect(header).toEqual(expect.arrayContaining(['key', 'title', 'status', 'assignee_name', 'labels', 'body']));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({
      key: 'RET-1',
      title: 'Zoë says "hi", twice',
      body: 'line one\nline two\r\nline three',
      assignee_name: 'Doe, "Jo"',
      assignee_email: assignee.email,
      labels: 'a|b',
      status: 'open',
    });
    expect(rows[1]).toMatchObject({ key: 'RET-2', title: "'=SUM(A1)" });
    // after `;` (a cell break in many locales) and `|` (joined labels) a formula is neutralised too
    expect(rows[2]).toMatchObject({ key: 'RET-3', title: "ok;'=1+1", labels: "lbl|'=1+1" });
    const text = body.toString('utf8');
    expect(text).toContain('"Zoë says ""hi"", twice"');
    // every field is quoted, the header's too
    expect(text.split('\r\n')[0]).toMatch(/^"key","kind","title",/);
    expect(text).toMatch(/^"RET-2","[^"]*","'=SUM\(A1\)"/m);
  });

  it('?bom=true prefixes a UTF-8 BOM', async () => {
    await makeDomain(ctx, { key: 'RET' });
    const viewer = await signedIn(ctx, 'viewer');
    const { body } = await download('/api/v1/domains/RET/tickets.csv?bom=true', viewer.auth);
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(body.subarray(3).toString('utf8')).toMatch(/^"key",/);
  });

  it("applies the list's filters and sort and exports every row across keyset chunks", async () => {
    const domain = await makeDomain(ctx, { key: 'RET' });
    const other = await makeDomain(ctx, { key: 'OTH' });
    await makeTicket(ctx, { domain: other });
    const { auth, user } = await signedIn(ctx);
    const values: string[] = [];
    for (let i = 1; i <= 450; i++) {
      values.push(
        `('${domain.id}', ${i}, 'RET-${i}', 'task', 'Ticket ${i}', 'specs', '${i % 3 === 0 ? 'done' : 'open'}', 'medium', ${i % 5 === 0 ? `'${user.id}'` : 'NULL'}, 1)`,
      );
    }
    await ctx.dataSource.query(
      `INSERT INTO ticket (domain_id, number, key, kind, title, phase, status, priority, assignee_id, version) VALUES ${values.join(',')}`,
    );
    await ctx.dataSource.query(`UPDATE domain SET ticket_seq = 450 WHERE id = $1`, [domain.id]);
    const all = await download('/api/v1/domains/RET/tickets.csv?sort=-number', auth);
    expect(all.rows).toHaveLength(450);
    expect(all.rows[0].key).toBe('RET-450');
    expect(all.rows[449].key).toBe('RET-1');
    expect(new Set(all.rows.map((row) => row.key)).size).toBe(450);
    // limit and cursor of the list do not truncate an export
    expect((await download('/api/v1/domains/RET/tickets.csv?limit=5', auth)).rows).toHaveLength(450);
    const done = await download('/api/v1/domains/RET/tickets.csv?status=done', auth);
    expect(done.rows).toHaveLength(150);
    expect(done.rows.every((row) => row.status === 'done')).toBe(true);
    const mine = await download('/api/v1/domains/RET/tickets.csv?assignee=me&status=done', auth);
    expect(mine.rows.map((row) => row.key)).toEqual(Array.from({ length: 30 }, (_, i) => `RET-${(i + 1) * 15}`));
  });
});

describe('GET /investigations.csv', () => {
  it('401 without a user; 400 for a bad filter', async () => {
    const viewer = await signedIn(ctx, 'viewer');
    await request(ctx.app).get('/api/v1/investigations.csv').expect(401);
    await request(ctx.app).get('/api/v1/investigations.csv?severity=huge').set(viewer.auth).expect(400);
  });

  it('a viewer exports with the filters of GET /investigations, quoting and BOM', async () => {
    const ret = await makeDomain(ctx, { key: 'RET', stage: 'weirdness' });
    const pay = await makeDomain(ctx, { key: 'PAY', stage: 'weirdness' });
    await makeInvestigation(ctx, ret, {
      title: 'Dips, "again"',
      observed: 'Sunday\nand Monday',
      severity: 'high',
      reportedAt: new Date('2026-11-01T00:00:00Z'),
    });
    await makeInvestigation(ctx, ret, {
      title: 'Ångström',
      severity: 'low',
      reportedAt: new Date('2026-11-02T00:00:00Z'),
    });
    await makeInvestigation(ctx, pay, {
      title: 'Pay thing',
      severity: 'high',
      reportedAt: new Date('2026-11-03T00:00:00Z'),
    });
    const viewer = await signedIn(ctx, 'viewer');
    const all = await download('/api/v1/investigations.csv?bom=true', viewer.auth);
    expect([...all.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(all.res.headers['content-disposition']).toMatch(
      /^attachment; filename="cairn-investigations-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    // newest first, as the list
    expect(all.rows.map((row) => row.title)).toEqual(['Pay thing', 'Ångström', 'Dips, "again"']);
    expect(all.rows[2]).toMatchObject({ domain_key: 'RET', severity: 'high', observed: 'Sunday\nand Monday' });
    const filtered = await download('/api/v1/investigations.csv?domain=RET&severity=high', viewer.auth);
    expect(filtered.rows.map((row) => row.title)).toEqual(['Dips, "again"']);
  });

  it('exports every row across keyset chunks', async () => {
    const ret = await makeDomain(ctx, { key: 'RET', stage: 'weirdness' });
    const values = Array.from(
      { length: 230 },
      (_, i) => `('${ret.id}', 'Odd ${i}', 'seen', '', 'medium', 'reported', now() - interval '${i} minutes', 1)`,
    );
    await ctx.dataSource.query(
      `INSERT INTO investigation (domain_id, title, observed, expected, severity, status, reported_at, version) VALUES ${values.join(',')}`,
    );
    const { auth } = await signedIn(ctx);
    const { rows } = await download('/api/v1/investigations.csv', auth);
    expect(rows).toHaveLength(230);
    expect(new Set(rows.map((row) => row.id)).size).toBe(230);
  });
});
