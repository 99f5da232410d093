// The answer first-visit/overview.js asked for before the app's code had arrived: taken once, by
// the first read of the same address in the same language; any other read asks the API itself.
import { currentLocale } from '../i18n/index.ts';

interface FirstVisit {
  path: string;
  locale: string;
  answer: Promise<Response | null>;
}

declare global {
  interface Window {
    tuoweiFirstVisit?: FirstVisit;
  }
}

/** The early answer's JSON for this path, or undefined when none was asked for it (or it failed: the caller asks again, for the error in its usual shape). */
export function takeFirstVisitAnswer<T>(path: string): Promise<T | undefined> | undefined {
  const early = typeof window === 'undefined' ? undefined : window.tuoweiFirstVisit;
  if (!early || early.path !== path || early.locale !== currentLocale()) return undefined;
  window.tuoweiFirstVisit = undefined;
  return early.answer.then(async (response) =>
    response?.ok ? ((await response.json().catch(() => undefined)) as T | undefined) : undefined,
  );
}
