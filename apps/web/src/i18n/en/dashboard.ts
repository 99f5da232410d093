// The dashboard's words in English, under the same keys as zh-CN/dashboard.ts.

import type { DashboardCatalogue } from '../zh-CN/dashboard.ts';

export const dashboardEn: DashboardCatalogue = {
  nav: {
    overview: 'Overview',
  },
  periodShort: '{{year}} Q{{quarter}}',
  view: {
    label: 'Show as',
    chart: 'Chart',
    table: 'Table',
    downloadCsv: 'Download CSV',
    chartLoading: 'Loading the chart…',
  },
  columns: {
    period: 'Quarter',
    code: 'Code',
    name: 'Jurisdiction',
    places: 'Places',
    scheduled: "Plan's yearly schedule (places)",
    neededByRatio: 'Places the ratio target needs',
    forecast: 'Forecast (places)',
    requiredPace: 'Required pace (places)',
    completeness: 'Reporting completeness',
    placesPer1000: 'Places per 1,000 residents',
    rootTarget: 'Binding target here (per 1,000)',
    ownTarget: "Unit's binding target (per 1,000)",
    ownTargetDue: 'Target due (year end)',
    status: 'Status',
    placesNeeded: 'Places still needed',
    requiredPerQuarter: 'Needed per quarter',
    affordablePlaces: 'Affordable places',
    scheduledAffordable: "Plan's yearly schedule (affordable places)",
    affordableShare: 'Affordable share',
    shareTarget: 'Affordable share target',
    shareStatus: 'Affordable share status',
    figuresPeriod: 'Figures from',
  },
  legend: {
    places: 'Places',
    scheduled: "Plan's yearly schedule",
    neededByRatio: 'Places the ratio target needs',
    forecast: 'Forecast',
    requiredPace: 'Required pace',
    placesPer1000: 'Places per 1,000 residents',
    ownTarget: "Unit's binding target",
    affordablePlaces: 'Affordable places',
    scheduledAffordable: 'Yearly schedule of affordable places',
    affordableShare: 'Affordable share (right axis)',
    shareTarget: 'Affordable share target {{value}}',
    placesNeeded: 'Places still needed',
    target: 'Binding target {{value}}',
  },
  noTarget: 'No target applies',
  overview: {
    title: 'Childcare places: overview',
    intro:
      "Each province's places per 1,000 residents against its binding target, and the headline targets of the plans on file. Every figure is computed by the system on one definition; select a name for its page.",
    quarterLabel: 'Quarter',
    headline: {
      title: "The plans' headline targets",
      caption: 'Headline targets of the plans on file ({{period}})',
      plan: 'Plan',
      metric: 'Indicator',
      target: 'Target',
      current: 'Current',
      forecast: 'Forecast at due date',
      gap: 'Gap',
      pace: 'Needed per quarter',
      status: 'Status',
      empty: 'No plans on file yet.',
    },
    provinces: {
      title: 'Provinces',
      caption: 'Places per 1,000 residents, binding target, gap and affordable share by province ({{period}})',
      empty: 'No province has figures.',
    },
    ratioChart: {
      title: 'Places per 1,000 residents by province against the binding target',
      description: "Bars: each province's places per 1,000 residents; diamonds: its binding target.",
    },
  },
  page: {
    title: '{{name}} · childcare places',
    breadcrumbLabel: 'You are here',
    country: 'Country',
    children: 'Units below: ',
    noChildren: '{{name}} has no units below it in the system.',
    detailLink: 'Open the detailed target table',
    summaryTitle: "This quarter's figures and where they come from",
    basis: {
      own: "This quarter's figures are {{name}}'s own report ({{period}}).",
      children:
        "This quarter's figures are the sum of the units below ({{period}}): reporting completeness {{percent}}, {{reported}} of {{total}} units reported.",
      reconciliation: 'Checked against the units below: {{text}}',
      none: '{{name}} has no quarterly report up to this quarter.',
    },
    headline: {
      title: 'Binding target: {{metric}}',
      none: 'No places-per-1,000 target applies to {{name}}.',
      target: 'Target',
      current: 'Current',
      forecast: 'Forecast for {{due}}',
      gap: 'Places still needed',
      pace: 'Needed per quarter',
      status: 'Status',
      perThousand: 'per 1,000',
      places: 'places',
      sentence: {
        met: 'The target of {{target}} is already met (now {{current}} per 1,000).',
        on_track:
          'On the trend of recent quarters it should reach {{forecast}} per 1,000 by {{due}}, meeting the target of {{target}}. It still needs {{gap}} more places: {{pace}} a quarter.',
        at_risk:
          'On the trend of recent quarters it would reach only {{forecast}} per 1,000 by {{due}}: close to, but short of, the target of {{target}}. It needs {{gap}} more places: {{pace}} a quarter.',
        off_track:
          'On the trend of recent quarters it would reach only {{forecast}} per 1,000 by {{due}}, well short of the target of {{target}}. It needs {{gap}} more places: {{pace}} a quarter.',
        missed: 'The target of {{target}} was missed at its due date, by {{gap}} places.',
        no_data: 'No quarterly report up to this quarter: whether the target of {{target}} will be met cannot be told.',
      },
    },
    source: {
      label: 'Source',
      documentNumber: 'Document number',
      plan: 'Plan',
      issuer: 'Issued by',
      clause: 'Clause',
      dueYear: 'Due',
      binding: 'Binding target: the hardest to meet of all targets on the same indicator',
      noDocumentNumber: '(no document number)',
    },
    places: {
      title: 'Places quarter by quarter',
      description:
        "Bars: places each quarter; steps: the plan's yearly schedule; solid line: the binding target of {{target}} turned into places at each year's population; dashed: the forecast; dotted: the pace needed to meet the target in time.",
      descriptionNoTarget:
        'Bars: places each quarter; no binding places-per-1,000 target applies, so no target lines are drawn.',
    },
    ratio: {
      title: 'Places per 1,000 residents in the units below',
      description:
        "The line across: {{name}}'s binding target of {{target}} per 1,000 ({{source}}); diamonds: each unit's own binding target.",
      descriptionNoTarget: "{{name}} has no binding places-per-1,000 target; diamonds: each unit's own binding target.",
    },
    affordable: {
      title: 'Affordable places',
      description:
        "Bars: affordable places each quarter, dots: the plan's yearly schedule of affordable places (left axis); line: the affordable share of places (right axis), with its target as a line across.",
      targetsTitle: 'Targets on affordable places',
      noTargets: 'No target on affordable places applies.',
    },
    gapRanking: {
      title: 'Gap ranking',
      description:
        'The units below by the places they still need to meet their binding places-per-1,000 target, with the places needed each quarter.',
    },
    institutions: {
      title: 'Targets on numbers of institutions',
      ownTitle: '{{name}} itself',
      none: 'No target on numbers of institutions applies.',
      current: 'now {{value}}',
      gap: '{{gap}} short',
      lacking: 'Units that do not yet meet it ({{count}}): ',
      unknown: 'Units without figures, so not known ({{count}}): ',
      allMet: 'All {{total}} units meet it.',
      noUnits:
        "{{name}}'s {{units}} are not in the system yet, so which of them still lack a {{kind}} cannot be listed. Add the units below and their quarterly reports first.",
      units: {
        self: 'units',
        each_child: 'units below',
        each_county: 'counties',
      },
    },
    targets: {
      title: 'Every target that applies',
      hint: 'Hover over a document number for the plan\'s full title; "binding" marks the hardest to meet on each indicator.',
    },
  },
};
