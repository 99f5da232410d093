// The gap report's sheet of new residential projects: each project's required, planned and missing
// places under the norm that covers it, and the document and clause that norm is from.
import {
  type Bilingual,
  type Language,
  neutraliseFormula,
  RESIDENTIAL_IMPORT_COLUMNS,
  type ResidentialProjectView,
  UNIT_AND_TARGET_COLUMNS,
  YES_NO,
} from '@tuowei/shared';
import { API_WORDS } from '../../words.ts';
import type { WorkbookWriter } from '../../workbook/index.ts';

const words = API_WORDS.gapReport.residentialSheet;
/** A column's words as the shared package has them. */
const shared = (columns: readonly (Bilingual & { key: string })[], key: string): Bilingual => {
  const column = columns.find((candidate) => candidate.key === key);
  if (!column) throw new Error(`no shared column ${key}`);
  return column;
};

const COLUMNS: readonly { words: Bilingual; width: number; numFmt?: string }[] = [
  { words: shared(UNIT_AND_TARGET_COLUMNS, 'code'), width: 12 },
  { words: words.project, width: 28 },
  { words: shared(RESIDENTIAL_IMPORT_COLUMNS, 'approvedOn'), width: 12 },
  { words: shared(RESIDENTIAL_IMPORT_COLUMNS, 'plannedResidents'), width: 14, numFmt: '#,##0' },
  { words: words.norm, width: 12 },
  { words: words.required, width: 12, numFmt: '#,##0' },
  { words: words.planned, width: 12, numFmt: '#,##0' },
  { words: words.shortfall, width: 14, numFmt: '#,##0' },
  { words: words.compliant, width: 10 },
  { words: words.delivered, width: 12, numFmt: '#,##0' },
  { words: words.normDocument, width: 22 },
  { words: shared(UNIT_AND_TARGET_COLUMNS, 'clause'), width: 12 },
];

export const RESIDENTIAL_SHEET = words.sheet;

/** One row per project; a project no norm covers has its norm's cells empty. */
export function writeResidentialSheet(
  workbook: WorkbookWriter,
  projects: readonly ResidentialProjectView[],
  language: Language,
): void {
  const sheet = workbook.sheet({
    name: RESIDENTIAL_SHEET[language],
    frozen: { rows: 1 },
    autoFilter: true,
    columns: COLUMNS.map((column) => ({
      header: column.words[language],
      width: column.width,
      ...(column.numFmt ? { numFmt: column.numFmt } : {}),
    })),
  });
  for (const project of projects) {
    sheet.row([
      project.jurisdictionCode,
      neutraliseFormula(project.name),
      project.approvedOn,
      project.plannedResidents,
      project.norm?.value ?? null,
      project.requiredPlaces,
      project.plannedPlaces,
      project.shortfall,
      project.compliant === null ? null : YES_NO[language][project.compliant ? 0 : 1],
      project.deliveredPlaces,
      project.norm?.documentNumber ?? null,
      project.norm?.clause ?? null,
    ]);
  }
}
