import request from 'supertest';
import { makeDomain } from '../factories/tickets';
import { signedIn } from '../factories/users';
import { useTestApp } from '../setup/test-app';

const ctx = useTestApp();

/** Issue #17: a 400 speaks to the person who filled the form, and keeps its code and field names. */
describe('validation messages', () => {
  it('name the field in words and say what it needs', async () => {
    await makeDomain(ctx, { key: 'RET' });
    const { auth } = await signedIn(ctx);
    const res = await request(ctx.app)
      .post('/api/v1/domains/RET/tickets')
      .set(auth)
      .send({ kind: 'bug', title: '', dueDate: 'soon', labels: ['y'.repeat(41)], extra: 1 })
      .expect(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'kind', message: expect.stringMatching(/^Kind must be one of: problem, concern, stakeholder, .*\.$/) },
        { field: 'title', message: 'Title is required.' },
        { field: 'dueDate', message: 'Due date must be a date, such as 2026-12-31.' },
        { field: 'labels', message: 'Each entry of labels must be at most 40 characters.' },
        { field: 'extra', message: 'This request has no such field.' },
      ]),
    );
    expect(res.body.detail).toContain('Title is required.');

    const long = await request(ctx.app)
      .post('/api/v1/domains/RET/tickets')
      .set(auth)
      .send({ kind: 'task', title: 'x'.repeat(301) })
      .expect(400);
    expect(long.body.errors).toEqual([{ field: 'title', message: 'Title must be at most 300 characters.' }]);

    const blank = await request(ctx.app)
      .post('/api/v1/domains/RET/tickets')
      .set(auth)
      .send({ kind: 'task', title: '  ' })
      .expect(400);
    expect(blank.body.errors).toEqual([{ field: 'title', message: 'Title must not be blank.' }]);
  });

  it('say "is required" once for a missing field, not every check it fails', async () => {
    const { auth } = await signedIn(ctx, 'admin');
    const res = await request(ctx.app).post('/api/v1/domains').set(auth).send({ name: 'Retention' }).expect(400);
    expect(res.body.errors).toEqual([{ field: 'key', message: 'Key is required.' }]);
    const bad = await request(ctx.app)
      .post('/api/v1/domains')
      .set(auth)
      .send({ key: 'r', name: 'Retention' })
      .expect(400);
    expect(bad.body.errors).toEqual([
      { field: 'key', message: 'Key must be 2 to 10 capital letters or digits, starting with a letter, such as RET.' },
    ]);
  });
});
