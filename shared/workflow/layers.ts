/**
 * Layered settings, the one rule for gate thresholds and triage targets alike: a default, then the
 * admin's global setting, then (for thresholds) the domain's own. A layer arrives as stored JSON,
 * so a key it does not hold, or holds as anything but an accepted number, leaves the value
 * underneath. `layeredNumberSql` (server/db/layers.ts) is the same rule in SQL.
 */
export type NumberRule = 'finite' | 'positive';

export function acceptsNumber(value: unknown, rule: NumberRule = 'finite'): value is number {
  return typeof value === 'number' && Number.isFinite(value) && (rule === 'finite' || value > 0);
}

export function layerNumbers<K extends string>(
  base: Record<K, number>,
  layers: readonly unknown[],
  rule: NumberRule = 'finite',
): Record<K, number> {
  const merged = { ...base };
  for (const layer of layers) {
    if (!layer || typeof layer !== 'object') continue;
    for (const key of Object.keys(base) as K[]) {
      const value = (layer as Record<string, unknown>)[key];
      if (acceptsNumber(value, rule)) merged[key] = value;
    }
  }
  return merged;
}
