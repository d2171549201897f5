import { layeredNumberSql } from '../../server/db/layers';
import { layerNumbers, type NumberRule } from '../../shared/workflow/layers';
import { useTestApp } from '../setup/test-app';

const ctx = useTestApp();

/** Stored layers as they may come: numbers of every kind, text, null, a missing key, no object. */
const LAYERS: unknown[] = [
  { v: 3 },
  { v: 2.5 },
  { v: -4 },
  { v: 0 },
  { v: '7' },
  { v: null },
  {},
  null,
  { v: 1e6 },
  [1, 2],
];

describe('threshold layering: one rule in TypeScript and SQL', () => {
  it.each<NumberRule>(['finite', 'positive'])('layeredNumberSql agrees with layerNumbers for every pair of layers (%s)', async (rule) => {
    const cases: { domain: unknown; global: unknown }[] = [];
    for (const domain of LAYERS) for (const global of LAYERS) cases.push({ domain, global });
    const sql = layeredNumberSql('v', ['c.domain', 'c.global'], 9, rule);
    const rows: { i: number; value: number }[] = await ctx.dataSource.query(
      `SELECT c.i, ${sql} AS value
         FROM jsonb_to_recordset($1::jsonb) AS c(i int, domain jsonb, global jsonb) ORDER BY c.i`,
      [JSON.stringify(cases.map((c, i) => ({ i, domain: c.domain, global: c.global })))],
    );
    expect(rows.map((row) => Number(row.value))).toEqual(
      // the JS layers go from general to specific: the global setting, then the domain's own
      cases.map((c) => layerNumbers({ v: 9 }, [c.global, c.domain], rule).v),
    );
  });
});
