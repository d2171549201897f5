import { useCallback, useState } from 'react';

/** What a section of a grouped list knows of its size: still loading, failed, or its total. */
export type SectionTotal = number | 'loading' | 'error';

/**
 * The totals of a grouped list whose sections each load their own pages (tickets by phase,
 * artifacts by type), so the list can say "loading" while nothing has arrived yet and "empty"
 * once every section came back with nothing. `sections` are the ones shown now.
 */
export function useSectionTotals<K extends string>(sections: readonly K[]) {
  const [totals, setTotals] = useState<Partial<Record<K, SectionTotal>>>({});
  const report = useCallback((section: K, total: SectionTotal) => {
    setTotals((current) => (current[section] === total ? current : { ...current, [section]: total }));
  }, []);
  const shown = sections.map((section) => totals[section] ?? 'loading');
  return {
    report,
    /** no section has anything to show yet, and some are still loading */
    waiting: shown.includes('loading') && !shown.some((total) => typeof total === 'number' && total > 0),
    empty: shown.every((total) => total === 0),
  };
}
