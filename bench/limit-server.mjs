#!/usr/bin/env node
/**
 * The limit: the same SQL the app runs for each hot endpoint, served by bare node:http + pg with
 * no framework, no validation, no ORM and no presenter. bench/run.mjs captures the app's
 * statements (bench/sql-capture.cjs) and hands them over in BENCH_LIMIT_SQL, a JSON file
 * `{ endpoints: [{ path, queries: [{ text, values }] }] }`. For a request whose URL is one of those
 * paths, the server checks out one connection, runs the statements in order (transactions
 * included, as the app sent them) and answers the rows as JSON.
 *
 *   DATABASE_URL=… BENCH_LIMIT_SQL=sql.json PORT=3457 node bench/limit-server.mjs
 */
import fs from 'node:fs';
import http from 'node:http';
import pg from 'pg';

const { endpoints } = JSON.parse(fs.readFileSync(process.env.BENCH_LIMIT_SQL, 'utf8'));
const byPath = new Map(endpoints.map((endpoint) => [endpoint.path, endpoint.queries]));
// The same pool size as the app (CAIRN_DB_POOL_SIZE, default 10): the limit gets no more connections.
const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.CAIRN_DB_POOL_SIZE || 10),
});

const server = http.createServer(async (req, res) => {
  const queries = byPath.get(req.url);
  if (!queries) {
    res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"unknown path"}');
    return;
  }
  let client;
  try {
    client = await pool.connect();
    const results = [];
    for (const query of queries) {
      const result = await client.query(query.text, query.values);
      if (result.rows?.length) results.push(result.rows);
    }
    const body = JSON.stringify({ results });
    res
      .writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) })
      .end(body);
  } catch (error) {
    res
      .writeHead(500, { 'content-type': 'application/json' })
      .end(JSON.stringify({ error: String(error.message ?? error) }));
  } finally {
    client?.release();
  }
});

server.keepAliveTimeout = 5_000;
server.listen(Number(process.env.PORT || 3457), () => {
  console.log(`limit server on ${server.address().port}: ${byPath.size} endpoints`);
});

const stop = () => server.close(() => pool.end().then(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
