import express from 'express';
import request from 'supertest';
import { QueryFailedError, QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { errorHandler } from '../../server/http/problem';

/** An app whose one route throws the given error, answered by the real error mapper. */
function answerTo(error: unknown) {
  const app = express();
  app.get('/boom', () => {
    throw error;
  });
  app.use(errorHandler);
  return request(app).get('/boom');
}

const pgError = (code: string, message: string) =>
  new QueryFailedError('SELECT 1', [], Object.assign(new Error(message), { code }));

describe('the error mapper', () => {
  it.each([
    ['22021', 'invalid byte sequence for encoding "UTF8": 0x00'],
    ['22P05', 'unsupported Unicode escape sequence'],
  ])('answers SQLSTATE %s (text PostgreSQL cannot store) with 400 problem+json', async (code, message) => {
    const res = await answerTo(pgError(code, message));
    expect([res.status, res.type, res.body.code]).toEqual([400, 'application/problem+json', 'validation_failed']);
    expect(res.body.detail).not.toMatch(/UTF8|escape/);
  });

  it.each([
    ['Query runner already released (TypeORM)', new QueryRunnerAlreadyReleasedError()],
    ['query runner provider already released (TypeORM)', new QueryRunnerProviderAlreadyReleasedError()],
    ['admin_shutdown 57P01 (pg_terminate_backend)', pgError('57P01', 'terminating connection due to administrator command')],
    ['crash_shutdown 57P02', pgError('57P02', 'terminating connection because of crash of another server process')],
    ['a pg client that is closed', new Error('Client was closed and is not queryable')],
    ['a connection cut mid-query', new Error('Connection terminated unexpectedly')],
    ['a socket written after the server went', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })],
    ['a pool after end()', new Error('Cannot use a pool after calling end on the pool')],
  ])('answers connection loss, %s, with 503 problem+json', async (_label, error) => {
    const res = await answerTo(error);
    expect([res.status, res.type, res.body.code]).toEqual([503, 'application/problem+json', 'database_unavailable']);
  });

  it('still answers a bug with 500', async () => {
    const res = await answerTo(new TypeError('x is undefined'));
    expect([res.status, res.body.code]).toEqual([500, 'internal_error']);
  });
});
