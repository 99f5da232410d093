// Starts the web app: language first (so the first paint is in it), then providers and routes.
import './i18n/index.ts';
import './index.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { AppProviders } from './app/providers.tsx';
import { router } from './app/router.tsx';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// A page's code and loader are in hand before the router moves to it (lazy routes), so its state
// changes need no transition: a page is drawn in one go, and a page that has just been drawn
// writes its quarter into the address (a replace) before a click can start the next navigation,
// rather than cancelling it from the middle of a time-sliced render.
createRoot(root).render(
  <StrictMode>
    <AppProviders>
      <RouterProvider router={router} useTransitions={false} />
    </AppProviders>
  </StrictMode>,
);
