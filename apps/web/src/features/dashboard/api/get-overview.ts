// GET /api/v1/overview?root=&period=: a jurisdiction's headline and its direct children's, or
// (without a root) every province's. The national one can be asked for before the overview page's
// code has loaded (the router starts it), so that the provinces table does not wait for both in turn.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { OverviewView } from '@tuowei/shared';
import { apiGet } from '../../../lib/api-client.ts';

function overviewPath(root: string | null, period: string | null): string {
  const query = new URLSearchParams();
  if (period !== null) query.set('period', period);
  if (root !== null) query.set('root', root);
  return `/api/v1/overview?${query}`;
}

/** Answers asked for ahead of the page; taken once, and only while fresh. */
const early = new Map<string, { answer: Promise<OverviewView>; at: number }>();
const EARLY_FOR_MS = 10_000;

function takeEarly(key: string): Promise<OverviewView> | null {
  const entry = early.get(key);
  early.delete(key);
  return entry && Date.now() - entry.at < EARLY_FOR_MS ? entry.answer : null;
}

/**
 * The router's loader for the overview: asks for the national overview of the quarter in the
 * address (or, without one, the API's default: the last quarter ended) while the page loads.
 */
export function startNationalOverview({ request }: { request: Request }): null {
  const period = new URL(request.url).searchParams.get('period');
  const answer = apiGet<OverviewView>(overviewPath(null, period));
  // a failure is the page's to show when it asks again
  answer.catch(() => undefined);
  early.set(`country|${period ?? ''}`, { answer, at: Date.now() });
  return null;
}

export async function getOverview(root: string | null, period: string, signal?: AbortSignal): Promise<OverviewView> {
  if (root === null) {
    const asked = takeEarly(`country|${period}`);
    if (asked) return asked;
    // asked without a quarter: the API's default quarter is usually the page's
    const byDefault = takeEarly('country|');
    if (byDefault) {
      const answer = await byDefault.catch(() => null);
      if (answer?.period === period) return answer;
    }
  }
  return apiGet<OverviewView>(overviewPath(root, period), { signal });
}

export function overviewQueryOptions(root: string | null, period: string) {
  return queryOptions({
    queryKey: ['overview', root ?? 'country', period],
    queryFn: ({ signal }) => getOverview(root, period, signal),
  });
}

export function useOverview(root: string | null, period: string) {
  return useQuery(overviewQueryOptions(root, period));
}
