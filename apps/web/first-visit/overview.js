// Runs on a first visit before the app's code has arrived (index.html loads it async, ahead of the
// entry; the build writes it as assets/first-visit-<hash>.js with the page's chunks in place of
// OVERVIEW_FILES): on the overview's address it asks for the national overview and fetches the
// overview page's code at once, so that both travel beside the entry instead of after it has run.
// The app takes the answer (src/lib/first-visit-answer.ts) only if it asked for the same address
// in the same language; anything else here only costs a request.
(() => {
  if (window.location.pathname !== '/') return;
  const files = OVERVIEW_FILES;
  for (const file of files.scripts) {
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.crossOrigin = '';
    link.href = file;
    document.head.appendChild(link);
  }
  for (const file of files.styles) {
    const link = document.createElement('link');
    link.rel = 'preload';
    link.as = 'style';
    link.crossOrigin = '';
    link.href = file;
    document.head.appendChild(link);
  }
  // the last quarter ended by the Beijing calendar, as the page chooses without ?period=
  // (packages/shared lastEndedPeriod; a disagreement would only leave this answer unused)
  const beijing = new Date(Date.now() + 8 * 60 * 60 * 1000);
  const running = beijing.getUTCFullYear() * 4 + Math.floor(beijing.getUTCMonth() / 3);
  const lastEnded = `${Math.floor((running - 1) / 4)}Q${((running - 1) % 4) + 1}`;
  const period = new URLSearchParams(window.location.search).get('period') ?? lastEnded;
  let locale = 'zh-CN';
  try {
    if (window.localStorage.getItem('tuowei.language') === 'en') locale = 'en';
  } catch {
    // storage switched off: the app reads the default language too
  }
  const path = `/api/v1/overview?${new URLSearchParams({ period })}`;
  window.tuoweiFirstVisit = {
    path,
    locale,
    answer: fetch(path, {
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Accept-Language': locale },
    }).catch(() => null),
  };
  // A page's first Intl formatter loads the language's number data (12-30 ms in a fresh Chromium
  // page, then 0.1 ms a formatter): made here, while the page waits for its code, not in the
  // render that draws the first row.
  new Intl.NumberFormat(locale).format(0);
})();
