import { useEffect } from 'react';

/** Sets the tab title, so history and screen readers tell pages apart. */
export function useDocumentTitle(title: string | null | undefined) {
  useEffect(() => {
    document.title = title ? `${title} · Cairn` : 'Cairn';
  }, [title]);
}
