// Words for what an aggregate stands on, the units without a population and the population import, in English.

import type { CoverageCatalogue } from '../zh-CN/coverage.ts';

export const coverageEn: CoverageCatalogue = {
  levelUnits: {
    province: 'provinces',
    prefecture: 'prefecture-level units',
    county: 'county-level units',
    township: 'townships',
  },
  label: 'Based on',
  line: 'based on {{reporting}} of {{expected}} {{level}} ({{period}})',
  lineShare: 'based on {{reporting}} of {{expected}} {{level}} ({{period}}), {{share}} of the population',
  own: 'its own report covers all {{expected}} {{level}} ({{period}})',
  missing: 'Not counted (no report this quarter): {{units}}',
  more: 'and {{count}} more',
  lastPeriod: '{{name}} (last {{period}})',
  withoutPopulation:
    '{{count}} reporting units have no population, so the total population and the ratio per 1,000 cannot be computed: {{units}}',
  standIn:
    'No report for {{period}}: these are the figures of {{from}}, which the totals above for {{period}} do not count.',
  gaps: {
    unit: '{{name}} ({{code}})',
    importLink: 'Import populations in bulk',
    title: 'Units without a population ({{year}})',
    hint: 'These units have no population figure for {{year}} or before: their own ratios cannot be computed, nor the ratio of any total they are part of. Admins can import populations in bulk on the Import page.',
    none: 'Every unit has a population figure for {{year}} (or earlier).',
    more: 'and {{count}} more',
  },
  import: {
    committed: 'Imported: ',
    kind: 'Import',
    reports: 'Quarterly reports',
    populations: 'Populations (admins)',
    template: 'Download the population template',
    year: 'Year',
    hint: 'The template lists every unit in your jurisdiction (division code, name, year, population, source). Rows with neither population nor source are not imported; if any row is wrong, nothing is written.',
    columns: {
      code: 'Division code',
      name: 'Name',
      year: 'Year',
      population: 'Population',
      source: 'Source',
      action: 'Action',
      before: 'Stored before',
    },
    summary: '{{created}} created, {{updated}} changed, {{unchanged}} unchanged; {{skipped}} rows skipped.',
  },
};
