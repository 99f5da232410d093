// The pages and their addresses; each page is its own chunk, loaded when first visited.
import { lazy } from 'react';
import { createBrowserRouter } from 'react-router';
import { AppLayout } from './layout.tsx';

const PlansRoute = lazy(() => import('./routes/plans.tsx').then((module) => ({ default: module.PlansRoute })));
const ProgressRoute = lazy(() => import('./routes/progress.tsx').then((module) => ({ default: module.ProgressRoute })));
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
      { path: '*', element: <NotFoundRoute /> },
    ],
  },
]);
