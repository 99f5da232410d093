// Words for boundary changes: the successions screen and the note on a unit's page, in English.

import type { SuccessionsCatalogue } from '../zh-CN/successions.ts';

export const successionsEn: SuccessionsCatalogue = {
  nav: 'Boundary changes',
  title: 'Boundary changes (successions)',
  intro:
    'When a county becomes a district, or units merge or split, the new code carries on the old one’s history: reports before the date stay under the old code, later ones go under the new, and series, targets, completeness and the sums above follow without a gap or a double count.',
  jurisdictionLabel: 'Jurisdiction',
  caption: 'Boundary changes of {{name}}',
  empty: 'No boundary change is recorded here yet.',
  record: 'Record a boundary change',
  recordTitle: 'Record a boundary change',
  recorded: '{{from}} → {{to}} recorded.',
  kinds: { rename: 'Rename / county to district', merge: 'Merge', split: 'Split' },
  columns: {
    from: 'Old unit',
    to: 'New unit',
    effectiveOn: 'Effective on',
    kind: 'Kind',
    reason: 'Basis',
  },
  fields: {
    kind: 'Kind',
    fromCode: 'Old unit',
    toCode: 'New code',
    effectiveOn: 'Effective on',
    reason: 'Basis (approval document)',
    createNew: 'The new unit does not exist yet: create it here',
    newName: 'New unit’s name (Chinese)',
    newNameEn: 'New unit’s name (English)',
  },
  kindHint:
    'A merge: record one change per old unit, with the same new code and date. A split: one per new unit, with the same old code and date.',
  edition: {
    title: 'Load a newer edition of the division codes',
    intro:
      'Choose the newer edition’s file (CSV: code, name, parent code; or JSON), compare it first (nothing is written), tick the successions to record and confirm.',
    file: 'Division code file',
    chooseFile: 'Choose a file',
    fileRead: '{{count}} units read ({{name}}).',
    fileUnreadable:
      'The file cannot be read: line {{line}} should be “code, name, parent code”, with a code of six or nine digits.',
    compare: 'Compare (writes nothing)',
    confirm: 'Record the {{count}} ticked',
    none: 'Against the tree, the newer edition changes no code that a succession would carry on.',
    proposals: 'Successions the newer edition proposes',
    matchSameName: 'same name, new code',
    matchCountyToDistrict: 'county made a district (same stem)',
    committed: '{{count}} successions recorded.',
    columns: { from: 'Old unit', to: 'New unit', parent: 'Parent', match: 'Why paired' },
  },
  note: {
    title: 'Boundary changes',
    succeededBy: 'Succeeded by {{name}} ({{code}}) from {{date}}: {{reason}}',
    succeeds: 'Carries on the figures of {{name}} ({{code}}) from {{date}}: {{reason}}',
  },
};
