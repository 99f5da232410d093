// Words for targets whose due year has passed (closed) beside those still in force, in English.

import type { CycleCatalogue } from '../zh-CN/cycle.ts';

export const cycleEn: CycleCatalogue = {
  dueYearValue: 'End of {{year}}: {{value}}',
  atDueYear: 'End of {{year}}',
  provisionalFrom: ' ({{period}} standing in)',
  short: '{{gap}} {{unit}} short',
  noDueYearValue: 'no figures for {{year}}: no verdict',
  today: '{{period}}: {{value}}',
  todayMeets: {
    at_least: 'now above the target',
    below: 'now below the target',
  },
  todayAtTarget: 'now at the target',
  todayShort: 'still short of the target',
  separator: ', ',
  dataStatus: {
    approved: 'data approved',
    submitted: 'data submitted, not approved',
    draft: 'data in draft',
    returned: 'data returned',
    aggregate: 'sum of units below',
    demo: 'demo data',
  },
  overview: {
    switchLabel: 'Targets shown',
    inForce: 'In force ({{count}})',
    closed: 'Closed ({{count}})',
    closedCaption:
      "Closed targets: judged by the value at the end of their due year; today's value beside it (as of {{period}})",
    noneInForce: 'As of {{period}} no target is in force: every target of the plans held has come due.',
    noneInForceHint: "See the closed targets' account, or have an admin enter the next cycle's targets (for 2030).",
    showClosed: 'Show closed targets',
    noneClosed: 'As of {{period}} no target has come due.',
    verdict: 'Verdict at the due year',
    today: 'Today',
    data: 'Data',
  },
  finalAccount: {
    title: 'Final account',
    intro: 'Every target of {{name}} closed by {{period}}: verdict, shortfall and whether the data was approved.',
    introCountry:
      'Every target in the country closed by {{period}}: verdict, shortfall and whether the data was approved.',
    xlsx: 'Download final account (Excel)',
    csv: 'Download final account (CSV)',
  },
};
