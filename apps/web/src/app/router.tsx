// The pages and their addresses; each page is its own chunk, loaded when first visited (React
// Router's lazy routes: a page's code and its loader's answer download side by side, and the page
// appears in the frame as soon as both are there). Reports, the audit trail, administration,
// import and the printed gap report need someone signed in.
import { formatPeriod, lastEndedPeriod } from '@tuowei/shared';
import type { ComponentType } from 'react';
import { createBrowserRouter, type LoaderFunctionArgs } from 'react-router';
import { PageLoading } from '../components/page-loading.tsx';
import { RequireSession } from '../features/auth/components/require-session.tsx';
import { overviewQueryOptions } from '../features/dashboard/api/get-overview.ts';
import { isSignInPage, signInAddress } from '../lib/return-path.ts';
import { AppLayout } from './layout.tsx';
import { queryClient, whenReadNeedsSignIn } from './query-client.ts';

/** A page's route: its code loaded on the first visit; on the app's first load the frame shows a spinner meanwhile. */
function page<Module>(load: () => Promise<Module>, component: (module: Module) => ComponentType) {
  return {
    lazy: async () => ({ Component: component(await load()) }),
    hydrateFallbackElement: <PageLoading />,
  };
}

/**
 * The overview's loader: asks for the national overview of the quarter in the address (or the
 * last one ended, as the page chooses) into the query cache, without holding the page up.
 */
function prefetchNationalOverview({ request }: LoaderFunctionArgs): null {
  const period = new URL(request.url).searchParams.get('period') ?? formatPeriod(lastEndedPeriod(new Date()));
  void queryClient.prefetchQuery(overviewQueryOptions(null, period));
  return null;
}

export const router = createBrowserRouter([
  {
    element: <AppLayout />,
    children: [
      {
        index: true,
        loader: prefetchNationalOverview,
        ...page(
          () => import('./routes/overview.tsx'),
          (module) => module.OverviewRoute,
        ),
      },
      {
        path: 'plans',
        ...page(
          () => import('./routes/plans.tsx'),
          (module) => module.PlansRoute,
        ),
      },
      {
        path: 'dashboard/:code',
        ...page(
          () => import('./routes/dashboard.tsx'),
          (module) => module.DashboardRoute,
        ),
      },
      {
        path: 'progress',
        ...page(
          () => import('./routes/progress.tsx'),
          (module) => module.ProgressRoute,
        ),
      },
      {
        path: 'progress/:code',
        ...page(
          () => import('./routes/progress.tsx'),
          (module) => module.ProgressRoute,
        ),
      },
      {
        path: 'budget',
        ...page(
          () => import('./routes/budget.tsx'),
          (module) => module.BudgetRoute,
        ),
      },
      {
        path: 'budget/:code',
        ...page(
          () => import('./routes/budget.tsx'),
          (module) => module.BudgetRoute,
        ),
      },
      {
        path: 'login',
        ...page(
          () => import('./routes/login.tsx'),
          (module) => module.LoginRoute,
        ),
      },
      {
        path: 'completeness',
        ...page(
          () => import('./routes/completeness.tsx'),
          (module) => module.CompletenessRoute,
        ),
      },
      {
        path: 'completeness/:code',
        ...page(
          () => import('./routes/completeness.tsx'),
          (module) => module.CompletenessRoute,
        ),
      },
      {
        element: <RequireSession />,
        children: [
          {
            path: 'reports',
            ...page(
              () => import('./routes/report.tsx'),
              (module) => module.ReportRoute,
            ),
          },
          {
            path: 'reports/:code/:period',
            ...page(
              () => import('./routes/report.tsx'),
              (module) => module.ReportRoute,
            ),
          },
          {
            path: 'indicators',
            ...page(
              () => import('./routes/indicators.tsx'),
              (module) => module.IndicatorsRoute,
            ),
          },
          {
            path: 'indicators/:code/:year',
            ...page(
              () => import('./routes/indicators.tsx'),
              (module) => module.IndicatorsRoute,
            ),
          },
          {
            path: 'audit',
            ...page(
              () => import('./routes/audit.tsx'),
              (module) => module.AuditRoute,
            ),
          },
          {
            path: 'admin/:tab?',
            ...page(
              () => import('./routes/admin.tsx'),
              (module) => module.AdminRoute,
            ),
          },
          {
            path: 'residential',
            ...page(
              () => import('./routes/residential.tsx'),
              (module) => module.ResidentialRoute,
            ),
          },
          {
            path: 'successions',
            ...page(
              () => import('./routes/successions.tsx'),
              (module) => module.SuccessionsRoute,
            ),
          },
          {
            path: 'import',
            ...page(
              () => import('./routes/import.tsx'),
              (module) => module.ImportRoute,
            ),
          },
        ],
      },
      {
        path: '*',
        ...page(
          () => import('./routes/not-found.tsx'),
          (module) => module.NotFoundRoute,
        ),
      },
    ],
  },
  // a page for paper: outside the app's frame
  {
    element: <RequireSession />,
    children: [
      {
        path: 'print/gap-report',
        ...page(
          () => import('./routes/print-gap-report.tsx'),
          (module) => module.PrintGapReportRoute,
        ),
      },
    ],
  },
]);

// A public page (overview, plans, progress, completeness) whose read needs a session: the sign-in
// page, with the page asked for kept in its address; the back button skips the refused page.
whenReadNeedsSignIn(() => {
  const { pathname, search } = router.state.location;
  if (isSignInPage(pathname)) return;
  void router.navigate(signInAddress(`${pathname}${search}`), { replace: true });
});
