/**
 * Preloaded into the app (`node -r ./bench/sql-capture.cjs dist/server/index.js`) by the
 * benchmark's capture pass, never in the measured run. It attributes every SQL statement sent
 * through `pg` to the HTTP request that caused it (AsyncLocalStorage, so background jobs such as
 * pg-boss polling are not counted) and, when the response is finished, appends one JSON line per
 * request to BENCH_SQL_CAPTURE: method, url, status and the statements with their parameters.
 * bench/run.mjs reads those lines for the queries per request and for the limit server's SQL.
 */
'use strict';
const fs = require('node:fs');
const http = require('node:http');
const { AsyncLocalStorage } = require('node:async_hooks');

const file = process.env.BENCH_SQL_CAPTURE;
if (!file) throw new Error('BENCH_SQL_CAPTURE must name the capture file');

const requests = new AsyncLocalStorage();

const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function emitWithinRequest(event, req, res) {
  if (event !== 'request') return emit.apply(this, arguments);
  const record = { method: req.method, url: req.url, status: 0, queries: [] };
  res.on('finish', () => {
    record.status = res.statusCode;
    // Fire-and-forget statements (the token's last use) may start after the response: wait a tick.
    setTimeout(() => fs.appendFileSync(file, JSON.stringify(record) + '\n'), 50);
  });
  return requests.run(record, () => emit.apply(this, arguments));
};

const pg = require('pg');
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function queryWithCapture(config, values) {
  const record = requests.getStore();
  if (record) {
    const text = typeof config === 'string' ? config : config && config.text;
    const params = Array.isArray(values) ? values : config && Array.isArray(config.values) ? config.values : [];
    if (text) record.queries.push({ text, values: params.map((v) => (v instanceof Date ? v.toISOString() : v)) });
  }
  return query.apply(this, arguments);
};
