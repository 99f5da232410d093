// Words for the yearly health indicators' page, in English.

import type { IndicatorsCatalogue } from '../zh-CN/indicators.ts';

export const indicatorsEn: IndicatorsCatalogue = {
  pageTitle: '{{name}} · health indicators for {{year}}',
  choose: 'Choose a jurisdiction and a year.',
  year: 'Year',
  notStarted: 'not started',
  notStartedEntry: 'Nobody has entered this year’s health indicators. Fill them in below and save a draft.',
  notEnded: '{{year}} has not ended; its indicators open on {{opensOn}} (Beijing time).',
  lastYear: 'last year: {{value}}',
  unknown: 'unknown',
  save: 'Save draft',
  submit: 'Submit for review',
  approve: 'Approve',
  return: 'Return',
  returnReason: 'Why it is returned',
  returned: 'Returned: {{reason}}',
  saved: 'Saved',
  submitted: 'Submitted for review',
  approved: 'Approved',
  wasReturned: 'Returned',
  readOnly: 'You can only read this year’s health indicators.',
  approvedBy: 'Approved by {{name}}',
};
