// Whether the header's links fold into a menu: always on a phone, and wherever they would not fit
// on one line (the admin's eight links in English on a tablet), measured rather than guessed.
import { type RefObject, useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react';

const PHONE = '(max-width: 720px)';

function onPhoneChange(notify: () => void) {
  const query = window.matchMedia(PHONE);
  query.addEventListener('change', notify);
  return () => query.removeEventListener('change', notify);
}

export interface FoldedNav {
  headerRef: RefObject<HTMLElement | null>;
  /** The links on one line, while they are shown so. */
  navRef: RefObject<HTMLElement | null>;
  folded: boolean;
}

/** `measureAgain` names what the links' width depends on (language, role): a change unfolds and measures again. */
export function useFoldedNav(measureAgain: string): FoldedNav {
  const headerRef = useRef<HTMLElement>(null);
  const navRef = useRef<HTMLElement>(null);
  const phone = useSyncExternalStore(
    onPhoneChange,
    () => window.matchMedia(PHONE).matches,
    () => false,
  );
  /** The header's width the links need on one line, once they have been found not to fit. */
  const [needs, setNeeds] = useState<number | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: other words or another menu have another width
  useLayoutEffect(() => setNeeds(null), [measureAgain]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: measured again with the words shown
  useLayoutEffect(() => {
    const header = headerRef.current;
    if (!header || phone) return;
    const measure = () => {
      const nav = navRef.current;
      if (needs === null) {
        if (nav && nav.scrollWidth > nav.clientWidth) setNeeds(header.clientWidth + nav.scrollWidth - nav.clientWidth);
      } else if (header.clientWidth >= needs) {
        setNeeds(null);
      }
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(header);
    return () => observer.disconnect();
  }, [phone, needs, measureAgain]);

  return { headerRef, navRef, folded: phone || needs !== null };
}
