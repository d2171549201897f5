import request from 'supertest';
import { Notification } from '../../server/modules/inbox/notification.entity';
import { makeInvestigation, makeWeirdnessDomain } from '../factories/investigations';
import { makeDomain } from '../factories/tickets';
import { makeUser, signedIn } from '../factories/users';
import { useTestApp } from '../setup/test-app';

const ctx = useTestApp();
const mentions = () => ctx.dataSource.getRepository(Notification).find({ where: { kind: 'mentioned' } });

/** Issue #17: an @mention in a ticket's or an investigation's own text notifies, as in a comment. */
describe('mentions in descriptions', () => {
  it("a ticket's description notifies whom it mentions, on create and, for the newly mentioned, on edit", async () => {
    const domain = await makeDomain(ctx, { key: 'RET' });
    const { auth, user } = await signedIn(ctx, 'member', { email: 'me@example.test', name: 'Me Myself' });
    const dana = await makeUser(ctx.dataSource, { email: 'dana@example.test', name: 'Dana Smith' });
    const lee = await makeUser(ctx.dataSource, { email: 'lee@example.test', name: 'Lee Chen' });
    await request(ctx.app)
      .post('/api/v1/domains/RET/tickets')
      .set(auth)
      .send({ kind: 'task', title: 'Count churn', body: 'Could @dana check this? Not me: @me' })
      .expect(201);
    expect(await mentions()).toEqual([
      expect.objectContaining({ userId: dana.id, domainId: domain.id, entityType: 'ticket', entityId: 'RET-1' }),
    ]);
    expect((await mentions())[0].message).toBe('Me Myself mentioned you on RET-1: Count churn');

    // an edit that keeps @dana and adds @leechen tells Lee only
    await request(ctx.app)
      .patch('/api/v1/tickets/RET-1')
      .set(auth)
      .set('If-Match', '1')
      .send({ body: 'Could @dana check this? And @leechen too.' })
      .expect(200);
    const after = await mentions();
    expect(after.map((n) => n.userId).sort()).toEqual([dana.id, lee.id].sort());
    expect(after.some((n) => n.userId === user.id)).toBe(false);
  });

  it("an investigation's observed and expected text notify whom they mention", async () => {
    const domain = await makeWeirdnessDomain(ctx, { key: 'RET' });
    const { auth } = await signedIn(ctx, 'member', { email: 'me@example.test', name: 'Me Myself' });
    const dana = await makeUser(ctx.dataSource, { email: 'dana@example.test', name: 'Dana Smith' });
    const lee = await makeUser(ctx.dataSource, { email: 'lee@example.test', name: 'Lee Chen' });
    const created = await request(ctx.app)
      .post('/api/v1/domains/RET/investigations')
      .set(auth)
      .send({ title: 'Sundays double', observed: 'Sessions double on Sundays, @dana saw it too.', expected: 'Flat.' })
      .expect(201);
    expect(await mentions()).toEqual([
      expect.objectContaining({
        userId: dana.id,
        domainId: domain.id,
        entityType: 'investigation',
        entityId: String(created.body.id),
      }),
    ]);

    const other = await makeInvestigation(ctx, domain);
    await request(ctx.app)
      .patch(`/api/v1/investigations/${other.id}`)
      .set(auth)
      .set('If-Match', String(other.version))
      .send({ expected: 'Ask @lee.' })
      .expect(200);
    expect((await mentions()).filter((n) => n.entityId === String(other.id)).map((n) => n.userId)).toEqual([lee.id]);
  });
});
