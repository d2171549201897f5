import request from 'supertest';
import { AuditEvent } from '../../server/modules/audit/audit-event.entity';
import { csvField } from '../../server/modules/audit/audit-export';
import { makeUser, signedIn } from '../factories/users';
import { bytes, parseCsv } from '../factories/csv';
import { useTestApp } from '../setup/test-app';

const ctx = useTestApp();

async function exportCsv(
  auth: { Authorization: string },
  query = '',
): Promise<{ res: request.Response; body: Buffer }> {
  const res = await request(ctx.app).get(`/api/v1/audit.csv${query}`).set(auth).buffer(true).parse(bytes).expect(200);
  return { res, body: res.body as Buffer };
}

describe('GET /audit.csv', () => {
  it('streams the audit log as an RFC 4180 CSV attachment, quoting commas, quotes and newlines', async () => {
    const admin = await signedIn(ctx, 'admin');
    const actor = await makeUser(ctx.dataSource, { name: 'Doe, "Jo"' });
    await ctx.dataSource.getRepository(AuditEvent).insert({
      actorId: actor.id,
      action: 'ticket.update',
      entityType: 'ticket',
      entityId: 'RET-1',
      at: new Date('2026-01-02T03:04:05.000Z'),
      before: { title: 'old, "quoted"' },
      after: { title: 'line one\nline two\r\nline three' },
      requestId: 'req-1',
    });
    const { res, body } = await exportCsv(admin.auth, '?action=ticket.update');
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="cairn-audit-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(res.headers['transfer-encoding']).toBe('chunked');
    const text = body.toString('utf8');
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(text.split('\r\n')[0]).toBe(
      '"id","at","actor_id","actor_name","action","entity_type","entity_id","domain_key","request_id","before","after"',
    );
    // The exact bytes of the tricky fields: quoted, inner quotes doubled, newlines kept inside quotes.
    expect(text).toContain(
      `,"Doe, ""Jo""","ticket.update","ticket","RET-1","","req-1","{""title"":""old, \\""quoted\\""""}","{""title"":""line one\\nline two\\r\\nline three""}"\r\n`,
    );
    const records = parseCsv(text);
    expect(records).toHaveLength(2);
    const [row] = records.slice(1);
    expect(row).toHaveLength(11);
    expect(row[1]).toBe('2026-01-02T03:04:05.000Z');
    expect(row[2]).toBe(actor.id);
    expect(row[3]).toBe('Doe, "Jo"');
    expect(JSON.parse(row[9])).toEqual({ title: 'old, "quoted"' });
    expect(JSON.parse(row[10])).toEqual({ title: 'line one\nline two\r\nline three' });
  });

  it('quotes every field, raw newlines too, and neutralises spreadsheet formulas', () => {
    expect(csvField('plain')).toBe('"plain"');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\ronly')).toBe('"cr\ronly"');
    expect(csvField(null)).toBe('""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
    expect(csvField(42)).toBe('"42"');
  });

  it('?bom=true prefixes a UTF-8 BOM; non-ASCII text stays UTF-8', async () => {
    const admin = await signedIn(ctx, 'admin');
    await makeUser(ctx.dataSource, { name: 'Zoë Ångström' });
    await ctx.dataSource
      .getRepository(AuditEvent)
      .insert({ actorId: null, action: 'note', entityType: 'x', entityId: 'é', after: { name: 'Zoë Ångström' } });
    const withBom = await exportCsv(admin.auth, '?bom=true&action=note');
    expect([...withBom.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(withBom.body.subarray(3).toString('utf8')).toMatch(/^"id","at",/);
    expect(withBom.body.toString('utf8')).toContain('Zoë Ångström');
    const without = await exportCsv(admin.auth, '?bom=false&action=note');
    expect(without.body.subarray(0, 4).toString('utf8')).toBe('"id"');
  });

  it('applies GET /audit’s filters and order, and exports every row across chunks', async () => {
    const admin = await signedIn(ctx, 'admin');
    // 1,203 events: more than two keyset chunks of 500.
    await ctx.dataSource.query(
      `INSERT INTO audit_event (action, entity_type, entity_id, at) SELECT CASE WHEN n % 3 = 0 THEN 'bulk.three' ELSE 'bulk.other' END, 'thing', n::text, timestamptz '2026-03-01' + n * interval '1 minute' FROM generate_series(1, 1203) n`,
    );
    const asc = parseCsv((await exportCsv(admin.auth, '?entityType=thing&order=asc')).body.toString('utf8')).slice(1);
    expect(asc).toHaveLength(1203);
    expect(asc.map((r) => r[6])).toEqual(Array.from({ length: 1203 }, (_, i) => String(i + 1)));
    const desc = parseCsv((await exportCsv(admin.auth, '?entityType=thing')).body.toString('utf8')).slice(1);
    expect(desc.map((r) => r[0])).toEqual(asc.map((r) => r[0]).reverse());

    const query = '?action=bulk.three&from=2026-03-01T02:00:00Z&to=2026-03-01T04:00:00Z';
    const filtered = parseCsv((await exportCsv(admin.auth, query)).body.toString('utf8')).slice(1);
    const listed = await request(ctx.app).get(`/api/v1/audit${query}&limit=200`).set(admin.auth).expect(200);
    expect(filtered.map((r) => r[0])).toEqual(listed.body.items.map((e: { id: string }) => e.id));
    expect(filtered).toHaveLength(40);
    expect(filtered.every((r) => r[4] === 'bulk.three')).toBe(true);
  });

  it('unauthenticated → 401, member → 403, bad query → 400 (problem+json, no CSV)', async () => {
    const member = await signedIn(ctx, 'member');
    const admin = await signedIn(ctx, 'admin');
    const anonymous = await request(ctx.app).get('/api/v1/audit.csv').expect(401);
    expect(anonymous.body.code).toBe('unauthenticated');
    const forbidden = await request(ctx.app).get('/api/v1/audit.csv').set(member.auth).expect(403);
    expect(forbidden.body.code).toBe('forbidden');
    const bad = await request(ctx.app)
      .get('/api/v1/audit.csv?bom=yes&from=yesterday&actor=42&limit=5')
      .set(admin.auth)
      .expect(400);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['actor', 'bom', 'from', 'limit']);
  });
});
