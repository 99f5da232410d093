// Whether the page is going to paper: from the browser's print (beforeprint, the print media
// query, which Chromium's PDF printing sets too) or the page's own print button. Charts drawn only
// when scrolled near are drawn for paper, all of them, at the width of an A4 page.
import { useSyncExternalStore } from 'react';
import { flushSync } from 'react-dom';

let printing = false;
const listeners = new Set<() => void>();

function setPrinting(next: boolean) {
  if (printing === next) return;
  // drawn before the browser lays the page out for paper, not on the next frame
  flushSync(() => {
    printing = next;
    for (const listener of listeners) listener();
  });
}

/** Draws every chart now, for paper. */
export function startPrinting(): void {
  setPrinting(true);
}

/** Back to the screen: charts far from it may be let go again. */
function stopPrinting(): void {
  setPrinting(false);
}

/** Resolves once no chart on the page is still loading (its code or its first drawing). */
export function chartsDrawn(): Promise<void> {
  return new Promise((resolve) => {
    let frames = 0;
    const check = () => {
      // a cap, so that a chart that never comes does not hold the print back for ever
      if (!document.querySelector('.tuowei-chart-loading') || frames++ > 300) resolve();
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
}

let watching = false;

function watchPrint() {
  if (watching || typeof window === 'undefined') return;
  watching = true;
  window.addEventListener('beforeprint', startPrinting);
  window.addEventListener('afterprint', stopPrinting);
  const print = window.matchMedia?.('print');
  if (print?.matches) printing = true;
  print?.addEventListener('change', (event) => setPrinting(event.matches));
}

function subscribe(listener: () => void) {
  watchPrint();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function usePrinting(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => printing,
    () => false,
  );
}
