// The pages and their addresses; each page is its own chunk, loaded when first visited. Reports
// and the audit trail need someone signed in.
import { lazy } from 'react';
import { createBrowserRouter } from 'react-router';
import { RequireSession } from '../features/auth/components/require-session.tsx';
import { AppLayout } from './layout.tsx';

const PlansRoute = lazy(() => import('./routes/plans.tsx').then((module) => ({ default: module.PlansRoute })));
const ProgressRoute = lazy(() => import('./routes/progress.tsx').then((module) => ({ default: module.ProgressRoute })));
const LoginRoute = lazy(() => import('./routes/login.tsx').then((module) => ({ default: module.LoginRoute })));
const ReportRoute = lazy(() => import('./routes/report.tsx').then((module) => ({ default: module.ReportRoute })));
const CompletenessRoute = lazy(() =>
  import('./routes/completeness.tsx').then((module) => ({ default: module.CompletenessRoute })),
);
const AuditRoute = lazy(() => import('./routes/audit.tsx').then((module) => ({ default: module.AuditRoute })));
const NotFoundRoute = lazy(() =>
  import('./routes/not-found.tsx').then((module) => ({ default: module.NotFoundRoute })),
);

export const router = createBrowserRouter([
  {
    element: <AppLayout />,
    children: [
      { index: true, element: <PlansRoute /> },
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
        ],
      },
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
]);
