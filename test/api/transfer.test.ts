import request from 'supertest';
import { seedDemoData } from '../../server/demo/seed';
import { AuditEvent } from '../../server/modules/audit/audit-event.entity';
import { Domain } from '../../server/modules/domains/domain.entity';
import { SignOff } from '../../server/modules/gates/sign-off.entity';
import { Ticket } from '../../server/modules/tickets/ticket.entity';
import { ImportedRecord } from '../../server/modules/transfer/imported-record.entity';
import { Investigation } from '../../server/modules/weirdness/investigation.entity';
import { makeDomain } from '../factories/domains';
import { signedIn } from '../factories/users';
import { useTestApp } from '../setup/test-app';

const ctx = useTestApp();

async function counts() {
  return {
    domains: await ctx.dataSource.getRepository(Domain).count(),
    tickets: await ctx.dataSource.getRepository(Ticket).count(),
    investigations: await ctx.dataSource.getRepository(Investigation).count(),
    events: await ctx.dataSource.getRepository(AuditEvent).count(),
    signOffs: await ctx.dataSource.getRepository(SignOff).count(),
    imported: await ctx.dataSource.getRepository(ImportedRecord).count(),
  };
}

describe('domain export and import', () => {
  it('exports a whole domain with its history and imports it into another Cairn, idempotently', async () => {
    await seedDemoData(ctx.dataSource, new Date());
    const reader = await signedIn(ctx, 'viewer');
    const exported = await request(ctx.app).get('/api/v1/domains/BILL/export').set(reader.auth).expect(200);
    expect(exported.headers['content-disposition']).toContain('cairn-BILL.json');
    const file = exported.body;
    expect(file.format).toBe('cairn-domain-export');
    expect(file.tickets.length).toBeGreaterThan(0);
    expect(file.investigations.length).toBeGreaterThan(0);
    expect(file.events.length).toBeGreaterThan(0);
    expect(file.signOffs.length).toBeGreaterThan(0);

    // Another Cairn: an empty database with one admin.
    await ctx.reset();
    const admin = await signedIn(ctx, 'admin');
    const imported = await request(ctx.app).post('/api/v1/domains/import').set(admin.auth).send(file);
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({ imported: true, domainKey: 'BILL' });
    const after = await counts();
    expect(after).toMatchObject({
      domains: 1,
      tickets: file.tickets.length,
      investigations: file.investigations.length,
    });
    // Sign-offs, waivers and events arrive as imported history; the only event here is the import.
    expect(after.events).toBe(1);
    expect(after.imported).toBe(file.events.length + file.signOffs.length + file.waivers.length);
    expect(after.signOffs).toBe(0);

    // Follow-up links and comments follow the new investigation ids.
    const linked = file.tickets.filter((t: { investigationId: number | null }) => t.investigationId !== null).length;
    const linkedHere = await ctx.dataSource
      .getRepository(Ticket)
      .createQueryBuilder('t')
      .where('t.investigation_id IS NOT NULL')
      .getCount();
    expect(linkedHere).toBe(linked);
    const gate = await request(ctx.app).get('/api/v1/domains/BILL/gate').set(admin.auth).expect(200);
    expect(gate.body.stage).toBe(file.domain.stage);

    const again = await request(ctx.app).post('/api/v1/domains/import').set(admin.auth).send(file).expect(200);
    expect(again.body.imported).toBe(false);
    expect(await counts()).toEqual(after);
  });

  it('a different domain holding the key is a 409 and nothing is written', async () => {
    const admin = await signedIn(ctx, 'admin');
    await makeDomain(ctx, { key: 'DUP', name: 'Here first' });
    const file = (await request(ctx.app).get('/api/v1/domains/DUP/export').set(admin.auth).expect(200)).body;
    file.domain.id = '11111111-1111-4111-8111-111111111111';
    const before = await counts();
    const res = await request(ctx.app).post('/api/v1/domains/import').set(admin.auth).send(file).expect(409);
    expect(res.body.detail).toContain('DUP');
    expect(await counts()).toEqual(before);
  });

  it('validates the whole file before writing anything', async () => {
    const admin = await signedIn(ctx, 'admin');
    await makeDomain(ctx, { key: 'SRC' });
    const file = (await request(ctx.app).get('/api/v1/domains/SRC/export').set(admin.auth).expect(200)).body;
    file.domain.key = 'NEW';
    file.domain.id = '22222222-2222-4222-8222-222222222222';
    file.tickets = [{ id: 'nope', number: -1, kind: 'meeting' }];
    const before = await counts();
    const res = await request(ctx.app).post('/api/v1/domains/import').set(admin.auth).send(file).expect(400);
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining(['tickets[0].id', 'tickets[0].number', 'tickets[0].kind', 'tickets[0].title']),
    );
    expect(await counts()).toEqual(before);
    await request(ctx.app).post('/api/v1/domains/import').set(admin.auth).send({ hello: 'world' }).expect(400);
    await request(ctx.app).post('/api/v1/domains/import').set(admin.auth).send([1, 2]).expect(400);
  });

  it('import is for admins; export needs a signed-in user; unknown domains are 404', async () => {
    const member = await signedIn(ctx, 'member');
    await request(ctx.app).post('/api/v1/domains/import').send({}).expect(401);
    await request(ctx.app).post('/api/v1/domains/import').set(member.auth).send({}).expect(403);
    await request(ctx.app).get('/api/v1/domains/NOPE/export').expect(401);
    await request(ctx.app).get('/api/v1/domains/NOPE/export').set(member.auth).expect(404);
  });
});
