// Resident population (常住人口) for a year: that year's figure, else the latest earlier one.

export interface PopulationFigure {
  year: number;
  population: number;
  source: string;
}

export interface PopulationForYear {
  value: number;
  /** The year the figure is from. */
  year: number;
  /** True where the figure is from an earlier year than the one asked for. */
  carriedForward: boolean;
  source: string;
}

export function populationForYear(figures: readonly PopulationFigure[], year: number): PopulationForYear | null {
  let best: PopulationFigure | null = null;
  for (const figure of figures) {
    if (figure.year <= year && (best === null || figure.year > best.year)) best = figure;
  }
  if (best === null) return null;
  return { value: best.population, year: best.year, carriedForward: best.year !== year, source: best.source };
}
