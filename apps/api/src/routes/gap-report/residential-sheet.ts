// The gap report's sheet of new residential projects: each project's required, planned and missing
// places under the norm that covers it, and the document and clause that norm is from.
import { type Language, neutraliseFormula, type ResidentialProjectView, YES_NO } from '@tuowei/shared';
import type { WorkbookWriter } from '../../workbook/index.ts';

const COLUMNS = [
  { zh: '行政区划代码', en: 'Code', width: 12 },
  { zh: '项目名称', en: 'Project', width: 28 },
  { zh: '批准日期', en: 'Approved on', width: 12 },
  { zh: '规划居住人口', en: 'Planned residents', width: 14, numFmt: '#,##0' },
  { zh: '每千人标准', en: 'Norm per 1,000', width: 12 },
  { zh: '应配托位', en: 'Required places', width: 12, numFmt: '#,##0' },
  { zh: '规划托位', en: 'Planned places', width: 12, numFmt: '#,##0' },
  { zh: '缺口（托位）', en: 'Shortfall (places)', width: 14, numFmt: '#,##0' },
  { zh: '是否达标', en: 'Compliant', width: 10 },
  { zh: '已交付托位', en: 'Delivered places', width: 12, numFmt: '#,##0' },
  { zh: '标准文号', en: "Norm's document", width: 22 },
  { zh: '条款', en: 'Clause', width: 12 },
] as const;

export const RESIDENTIAL_SHEET = { zh: '新建居住区', en: 'New residential areas' };

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
      header: column[language],
      width: column.width,
      ...('numFmt' in column ? { numFmt: column.numFmt } : {}),
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
