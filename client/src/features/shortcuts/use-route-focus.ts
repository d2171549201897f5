import { useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router';
import { isTyping } from './shortcuts';

/** How long to wait for a new page's heading (its module and data may still be loading). */
const HEADING_WAIT_MS = 5000;

/**
 * After a navigation to another page (a new pathname; a tab or filter in the query string is not
 * one), moves focus to the new page's main heading, as a screen reader user expects, and returns
 * its text for a polite live region. A person who has meanwhile started typing in a field keeps
 * their focus.
 */
export function useRouteFocus(): string {
  const { pathname } = useLocation();
  const first = useRef(true);
  const [announcement, setAnnouncement] = useState('');

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const main = document.getElementById('main');
    if (!main) return;
    let done = false;
    const focusHeading = () => {
      const heading = main.querySelector<HTMLElement>('h1');
      if (done || !heading) return;
      done = true;
      observer.disconnect();
      if (isTyping(document.activeElement) || document.querySelector('dialog[open]')) return;
      if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
      heading.focus();
      setAnnouncement(heading.textContent?.trim() ?? '');
    };
    const observer = new MutationObserver(focusHeading);
    observer.observe(main, { childList: true, subtree: true });
    const timer = window.setTimeout(() => {
      done = true;
      observer.disconnect();
    }, HEADING_WAIT_MS);
    focusHeading();
    return () => {
      done = true;
      observer.disconnect();
      window.clearTimeout(timer);
    };
  }, [pathname]);

  return announcement;
}
