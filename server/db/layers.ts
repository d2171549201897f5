import type { NumberRule } from '../../shared/workflow/layers';

/**
 * SQL twin of layerNumbers (shared/workflow/layers.ts): the value of `key` from the last layer
 * (a jsonb expression) that holds an accepted number, else `fallback`, as float8 with no rounding.
 * `layers` go from the most specific (the domain's own) to the most general (the global setting).
 */
export function layeredNumberSql(
  key: string,
  layers: readonly string[],
  fallback: number,
  rule: NumberRule = 'finite',
): string {
  if (!/^[A-Za-z]\w*$/.test(key)) throw new Error(`layeredNumberSql: not a key: ${key}`);
  const accepted = (json: string) => {
    const value = `CAST(${json} ->> '${key}' AS float8)`;
    return `CASE WHEN jsonb_typeof(${json} -> '${key}') = 'number'${rule === 'positive' ? ` AND ${value} > 0` : ''} THEN ${value} END`;
  };
  return `COALESCE(${[...layers.map(accepted), String(fallback)].join(', ')})`;
}
