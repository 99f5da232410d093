// The Tuowei domain, shared by the API, the exports and the screens.

export * from './admin.ts';
export * from './aggregate.ts';
export * from './completeness.ts';
export * from './contract.ts';
export * from './final-account.ts';
export * from './forecast.ts';
export * from './gap-report.ts';
export * from './headline.ts';
export * from './import.ts';
export * from './indicators.ts';
export * from './messages.ts';
export * from './metric-table.ts';
export * from './metrics.ts';
export * from './overview.ts';
export * from './period.ts';
export * from './population.ts';
export * from './progress.ts';
export * from './rational.ts';
export * from './report.ts';
export * from './schedule.ts';
export * from './series.ts';
export * from './status.ts';
export * from './targets.ts';
export * from './text.ts';
export * from './vocabulary.ts';
export * from './words.ts';
