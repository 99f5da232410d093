// A failed load, in the words the API (or the client) gave, with a way to try again. The result's
// illustrations are a download of their own, fetched only when a load has failed: meanwhile the
// words stand alone.
import { lazy, Suspense } from 'react';

const QueryErrorResult = lazy(() => import('./query-error-result.tsx'));

export function QueryError({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  return (
    <Suspense fallback={<p role="alert">{error.message}</p>}>
      <QueryErrorResult error={error} onRetry={onRetry} />
    </Suspense>
  );
}
