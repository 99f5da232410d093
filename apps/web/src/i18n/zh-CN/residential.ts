// Words for the register of new residential areas (新建居住区) and its norm, in Chinese.

export const residentialZhCN = {
  nav: '新建居住区',
  title: '新建居住区托位配建',
  intro:
    '逐个登记新建居住区项目：规划居住人口、规划托位和已交付托位。按适用方案的每千人配建标准计算应配托位和缺口，以规划托位判断是否达标。',
  jurisdictionLabel: '行政区划',
  importLink: '从表格批量导入',
  add: '登记项目',
  addTitle: '登记新建居住区项目',
  editTitle: '修改新建居住区项目',
  edit: '修改',
  created: '已登记项目“{{name}}”。',
  updated: '已保存项目“{{name}}”。',
  empty: '该范围内尚未登记新建居住区项目。',
  caption: '{{name}} 的新建居住区项目',
  noNorm: '无适用标准',
  normValue: '≥ {{value}} 个/千人',
  normSource: '{{document}} {{clause}}',
  compliant: '达标',
  notCompliant: '不达标',
  fields: {
    jurisdiction: '所在行政区划',
    name: '项目名称',
    approvedOn: '批准日期',
    plannedResidents: '规划居住人口',
    plannedPlaces: '规划托位',
    deliveredPlaces: '已交付托位',
    norm: '配建标准',
    requiredPlaces: '应配托位',
    shortfall: '缺口',
    compliant: '是否达标',
    actions: '操作',
  },
  deliveredHint: '可不填（尚未统计）；可以多于规划托位。',
  /** Under a norm target: the projects short of it. */
  shortProjects: '未达标项目：',
  shortProject: '{{name}} 缺 {{shortfall}} 个（应配 {{required}}，规划 {{planned}}）',
};

export type ResidentialCatalogue = typeof residentialZhCN;
