import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

/**
 * Filters kept in the URL's query string, so a filtered view can be bookmarked and shared.
 * Empty values are removed from the URL. `keys` should be a module-level constant.
 */
export function useUrlFilters<K extends string>(keys: readonly K[]) {
  const [params, setParams] = useSearchParams();

  const filters = useMemo(() => {
    const result = {} as Record<K, string>;
    for (const key of keys) result[key] = params.get(key) ?? '';
    return result;
  }, [params, keys]);

  const setFilter = useCallback(
    (key: K, value: string) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          if (value) next.set(key, value);
          else next.delete(key);
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  const clearFilters = useCallback(() => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const key of keys) next.delete(key);
        return next;
      },
      { replace: true },
    );
  }, [setParams, keys]);

  /** One filter's value and change handler, to spread on the control that sets it. */
  const bindFilter = (key: K) => ({ value: filters[key], onChange: (value: string) => setFilter(key, value) });

  const active = keys.some((key) => filters[key]);
  return { filters, setFilter, clearFilters, active, bindFilter };
}
