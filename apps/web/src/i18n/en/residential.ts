// Words for the register of new residential areas (新建居住区) and its norm, in English.

import type { ResidentialCatalogue } from '../zh-CN/residential.ts';

export const residentialEn: ResidentialCatalogue = {
  /** The top bar's link, short: the page's title says it in full. */
  nav: 'New housing',
  title: 'Childcare places in new residential areas',
  intro:
    'Register each new residential project: its planned residents, planned places and places delivered. The norm of the plan that covers it gives the places required and the shortfall; planned places decide compliance.',
  jurisdictionLabel: 'Jurisdiction',
  importLink: 'Import from a sheet',
  add: 'Register a project',
  addTitle: 'Register a new residential project',
  editTitle: 'Change a new residential project',
  edit: 'Edit',
  created: 'Project “{{name}}” registered.',
  updated: 'Project “{{name}}” saved.',
  empty: 'No new residential project is registered here yet.',
  caption: 'New residential projects of {{name}}',
  noNorm: 'no norm applies',
  normValue: '≥ {{value}} per 1,000',
  normSource: '{{document}} {{clause}}',
  compliant: 'compliant',
  notCompliant: 'short',
  fields: {
    jurisdiction: 'Jurisdiction',
    name: 'Project name',
    approvedOn: 'Approved on',
    plannedResidents: 'Planned residents',
    plannedPlaces: 'Planned places',
    deliveredPlaces: 'Places delivered',
    norm: 'Norm',
    requiredPlaces: 'Required places',
    shortfall: 'Shortfall',
    compliant: 'Compliant',
    actions: 'Actions',
  },
  deliveredHint: 'May be left empty (not yet counted); may exceed the planned places.',
  shortProjects: 'Projects short of the norm:',
  shortProject: '{{name}}: {{shortfall}} short ({{required}} required, {{planned}} planned)',
};
