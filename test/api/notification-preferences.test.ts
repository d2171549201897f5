import request from 'supertest';
import { NOTIFICATION_KINDS } from '../../shared/api/inbox';
import { DEFAULT_NOTIFICATION_CHANNELS } from '../../shared/api/notification-preferences';
import { AuditEvent } from '../../server/modules/audit/audit-event.entity';
import { NotificationPreference } from '../../server/modules/inbox/notification-preference.entity';
import { signedIn } from '../factories/users';
import { useTestApp } from '../setup/test-app';

const ctx = useTestApp();
const URL = '/api/v1/me/notification-preferences';

describe('notification preferences', () => {
  it('401 without a session', async () => {
    await request(ctx.app).get(URL).expect(401);
    await request(ctx.app)
      .put(URL)
      .send({ preferences: [{ kind: 'assigned', channel: 'none' }] })
      .expect(401);
  });

  it('lists every event type with its default channel, and that email is off without SMTP', async () => {
    const me = await signedIn(ctx, 'viewer', { email: 'vi@example.test' });
    const res = await request(ctx.app).get(URL).set(me.auth).expect(200);
    expect(res.body.preferences.map((p: { kind: string }) => p.kind)).toEqual([...NOTIFICATION_KINDS]);
    expect(res.body.preferences[0]).toEqual({
      kind: 'signoff_requested',
      channel: 'email_now',
      defaultChannel: 'email_now',
      chosen: false,
    });
    for (const p of res.body.preferences) expect(p.channel).toBe(DEFAULT_NOTIFICATION_CHANNELS[p.kind as 'assigned']);
    expect(res.body.email).toEqual({ enabled: false, address: 'vi@example.test', digestHourUtc: 7 });
  });

  it('saves the given kinds for the caller only, audited with before and after; the default again forgets the choice', async () => {
    const me = await signedIn(ctx);
    const other = await signedIn(ctx);
    const res = await request(ctx.app)
      .put(URL)
      .set(me.auth)
      .send({
        preferences: [
          { kind: 'assigned', channel: 'email_now' },
          { kind: 'domain_at_risk', channel: 'none' },
        ],
      })
      .expect(200);
    const byKind = Object.fromEntries(
      res.body.preferences.map((p: { kind: string; channel: string; chosen: boolean }) => [p.kind, p]),
    );
    expect(byKind.assigned).toMatchObject({ channel: 'email_now', defaultChannel: 'email_digest', chosen: true });
    expect(byKind.domain_at_risk).toMatchObject({ channel: 'none', chosen: true });
    expect(byKind.mentioned).toMatchObject({ channel: 'email_digest', chosen: false });
    const stored = await ctx.dataSource.getRepository(NotificationPreference).find({ order: { kind: 'ASC' } });
    expect(stored.map((row) => [row.userId, row.kind, row.channel])).toEqual([
      [me.user.id, 'assigned', 'email_now'],
      [me.user.id, 'domain_at_risk', 'none'],
    ]);
    const [event] = await ctx.dataSource
      .getRepository(AuditEvent)
      .findBy({ action: 'notification_preferences.update' });
    expect(event).toMatchObject({
      actorId: me.user.id,
      entityType: 'user',
      entityId: me.user.id,
      before: { assigned: 'email_digest', domain_at_risk: 'email_now' },
      after: { assigned: 'email_now', domain_at_risk: 'none' },
    });
    // the other person still has the defaults
    const theirs = await request(ctx.app).get(URL).set(other.auth).expect(200);
    expect(theirs.body.preferences.every((p: { chosen: boolean }) => !p.chosen)).toBe(true);

    // back to the default: nothing stored; the same again: no change, no audit event
    await request(ctx.app)
      .put(URL)
      .set(me.auth)
      .send({ preferences: [{ kind: 'assigned', channel: 'email_digest' }] })
      .expect(200);
    await request(ctx.app)
      .put(URL)
      .set(me.auth)
      .send({ preferences: [{ kind: 'assigned', channel: 'email_digest' }] })
      .expect(200);
    expect(await ctx.dataSource.getRepository(NotificationPreference).countBy({ userId: me.user.id })).toBe(1);
    expect(await ctx.dataSource.getRepository(AuditEvent).countBy({ action: 'notification_preferences.update' })).toBe(
      2,
    );
    const after = await request(ctx.app).get(URL).set(me.auth).expect(200);
    expect(after.body.preferences.find((p: { kind: string }) => p.kind === 'assigned')).toMatchObject({
      channel: 'email_digest',
      chosen: false,
    });
  });

  it.each([
    [{}, 'preferences'],
    [{ preferences: [] }, 'preferences'],
    [{ preferences: [{ kind: 'birthday', channel: 'inbox' }] }, 'preferences.0.kind'],
    [{ preferences: [{ kind: 'assigned', channel: 'pigeon' }] }, 'preferences.0.channel'],
    [{ preferences: [{ kind: 'assigned' }] }, 'preferences.0.channel'],
    [{ preferences: 'all' }, 'preferences'],
  ])('400 for %j, naming %s', async (body, field) => {
    const me = await signedIn(ctx);
    const res = await request(ctx.app).put(URL).set(me.auth).send(body).expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await ctx.dataSource.getRepository(NotificationPreference).count()).toBe(0);
  });
});
