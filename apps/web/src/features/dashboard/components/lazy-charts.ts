// The charts, each loaded when first drawn: recharts stays out of every page's first download.
import { lazy } from 'react';

const loaders = {
  places: () => import('../charts/places-chart.tsx'),
  ratio: () => import('../charts/ratio-chart.tsx'),
  affordable: () => import('../charts/affordable-chart.tsx'),
  gap: () => import('../charts/gap-chart.tsx'),
};

export const PlacesChart = lazy(loaders.places);
export const RatioChart = lazy(loaders.ratio);
export const AffordableChart = lazy(loaders.affordable);
export const GapChart = lazy(loaders.gap);

/** Every chart's code, fetched ahead (a page about to be printed); the browser keeps each once fetched. */
export function preloadCharts(): Promise<unknown> {
  return Promise.all(Object.values(loaders).map((load) => load()));
}
