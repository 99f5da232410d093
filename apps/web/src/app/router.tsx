// The pages and their addresses; each page is its own chunk, loaded when first visited. Reports,
// the audit trail, administration, import and the printed gap report need someone signed in.
import { lazy, Suspense } from 'react';
import { createBrowserRouter } from 'react-router';
import { PageLoading } from '../components/page-loading.tsx';
import { RequireSession } from '../features/auth/components/require-session.tsx';
import { startNationalOverview } from '../features/dashboard/api/get-overview.ts';
import { AppLayout } from './layout.tsx';

const OverviewRoute = lazy(() => import('./routes/overview.tsx').then((module) => ({ default: module.OverviewRoute })));
const DashboardRoute = lazy(() =>
  import('./routes/dashboard.tsx').then((module) => ({ default: module.DashboardRoute })),
);
const PlansRoute = lazy(() => import('./routes/plans.tsx').then((module) => ({ default: module.PlansRoute })));
const ProgressRoute = lazy(() => import('./routes/progress.tsx').then((module) => ({ default: module.ProgressRoute })));
const LoginRoute = lazy(() => import('./routes/login.tsx').then((module) => ({ default: module.LoginRoute })));
const ReportRoute = lazy(() => import('./routes/report.tsx').then((module) => ({ default: module.ReportRoute })));
const CompletenessRoute = lazy(() =>
  import('./routes/completeness.tsx').then((module) => ({ default: module.CompletenessRoute })),
);
const AuditRoute = lazy(() => import('./routes/audit.tsx').then((module) => ({ default: module.AuditRoute })));
const AdminRoute = lazy(() => import('./routes/admin.tsx').then((module) => ({ default: module.AdminRoute })));
const ImportRoute = lazy(() => import('./routes/import.tsx').then((module) => ({ default: module.ImportRoute })));
const PrintGapReportRoute = lazy(() =>
  import('./routes/print-gap-report.tsx').then((module) => ({ default: module.PrintGapReportRoute })),
);
const NotFoundRoute = lazy(() =>
  import('./routes/not-found.tsx').then((module) => ({ default: module.NotFoundRoute })),
);

export const router = createBrowserRouter([
  {
    element: <AppLayout />,
    children: [
      { index: true, element: <OverviewRoute />, loader: startNationalOverview },
      { path: 'plans', element: <PlansRoute /> },
      { path: 'dashboard/:code', element: <DashboardRoute /> },
      { path: 'progress', element: <ProgressRoute /> },
      { path: 'progress/:code', element: <ProgressRoute /> },
      { path: 'login', element: <LoginRoute /> },
      { path: 'completeness', element: <CompletenessRoute /> },
      { path: 'completeness/:code', element: <CompletenessRoute /> },
      {
        element: <RequireSession />,
        children: [
          { path: 'reports', element: <ReportRoute /> },
          { path: 'reports/:code/:period', element: <ReportRoute /> },
          { path: 'audit', element: <AuditRoute /> },
          { path: 'admin/:tab?', element: <AdminRoute /> },
          { path: 'import', element: <ImportRoute /> },
        ],
      },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
  // a page for paper: outside the app's frame
  {
    element: <RequireSession />,
    children: [
      {
        path: 'print/gap-report',
        element: (
          <Suspense fallback={<PageLoading />}>
            <PrintGapReportRoute />
          </Suspense>
        ),
      },
    ],
  },
]);
