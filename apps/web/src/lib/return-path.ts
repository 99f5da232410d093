// Where the sign-in page sends a person back to: an address of this app only, never another site.

const SIGN_IN = '/login';
// a stand-in origin: what the browser would resolve `next` against, whatever the app's real one
const HERE = 'http://tuowei.invalid';

/**
 * The page asked for, when it is a path of this app; otherwise the overview. Resolved as the
 * browser would resolve it, so that `//elsewhere`, `/\elsewhere`, a path with a tab or newline
 * folded out and any `scheme:` address are refused rather than followed.
 */
export function safeReturnPath(next: string | null): string {
  if (!next?.startsWith('/')) return '/';
  let url: URL;
  try {
    url = new URL(next, HERE);
  } catch {
    return '/';
  }
  if (url.origin !== HERE) return '/';
  const path = `${url.pathname}${url.search}${url.hash}`;
  // signing in again would only come back here
  return url.pathname === SIGN_IN ? '/' : path;
}

/** The sign-in page's address for someone on their way to `path` (a pathname and its search). */
export function signInAddress(path: string): { pathname: string; search: string } {
  return { pathname: SIGN_IN, search: `?${new URLSearchParams({ next: safeReturnPath(path) })}` };
}

export function isSignInPage(pathname: string): boolean {
  return pathname === SIGN_IN;
}
