// A value that follows another once it has stopped changing for a while: what a search box asks
// the API for, so that typing 维西县 asks once, not once per character.
import { useEffect, useState } from 'react';

/** How long typing must pause before a search is asked for. */
export const SEARCH_SETTLE_MS = 250;

/** `value` once it has held still for `ms`; an empty string follows at once (a search cleared). */
export function useSettled(value: string, ms = SEARCH_SETTLE_MS): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    if (value === '') {
      setSettled('');
      return;
    }
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
