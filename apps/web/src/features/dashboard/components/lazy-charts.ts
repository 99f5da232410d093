// The charts, each loaded when first drawn: recharts stays out of every page's first download.
import { lazy } from 'react';

export const PlacesChart = lazy(() => import('../charts/places-chart.tsx'));
export const RatioChart = lazy(() => import('../charts/ratio-chart.tsx'));
export const AffordableChart = lazy(() => import('../charts/affordable-chart.tsx'));
export const GapChart = lazy(() => import('../charts/gap-chart.tsx'));
