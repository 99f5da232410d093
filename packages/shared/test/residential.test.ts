// New residential areas (PLANS.md "Yearly indicators, new residential areas and money"): the places
// a norm requires of a project, which norm applies, and a norm target over the projects below it.
import { describe, expect, it } from 'vitest';
import {
  applicableNorm,
  approvalInFuture,
  computeProgress,
  evaluateResidentialTarget,
  type Plan,
  type PlanTarget,
  periodIndex,
  projectCompliance,
  type ResidentialNorm,
  type ResidentialProject,
  requiredPlaces,
  residentialNorms,
  residentialProjectInputSchema,
  SubtreeValues,
  type UnitNode,
} from '../src/index.ts';

const norm = (value: number, issuedOn: string | null = '2023-12-29', jurisdictionCode = '371503'): ResidentialNorm => {
  const target: PlanTarget = {
    id: `norm-${jurisdictionCode}-${value}`,
    metric: 'new_residential_places_per_1000',
    comparator: 'at_least',
    value,
    dueYear: 2025,
    clause: '二(三)1',
    scope: 'self',
    institutionKind: null,
  };
  const plan: Plan = {
    id: `plan-${jurisdictionCode}`,
    jurisdictionCode,
    documentNumber: '聊茌发〔2023〕11号',
    title: 'plan',
    issuer: 'issuer',
    issuedOn,
    targets: [target],
  };
  return { plan, target };
};

let serial = 0;
const project = (fields: Partial<ResidentialProject>): ResidentialProject => ({
  id: `p${++serial}`,
  jurisdictionCode: '371503',
  name: `项目${serial}`,
  approvedOn: '2024-05-01',
  plannedResidents: 3000,
  plannedPlaces: 21,
  deliveredPlaces: null,
  version: 1,
  ...fields,
});

describe('a project against its norm', () => {
  it('requires ⌈norm × residents ÷ 1,000⌉ places: 3,000 residents at ≥ 7 need 21', () => {
    expect(requiredPlaces(7, 3000)).toBe(21);
    // 7 × 3,001 ÷ 1,000 = 21.007 → 22; 4.5 × 145,800 ÷ 1,000 = 656.1 → 657 (no floating-point drift)
    expect(requiredPlaces(7, 3001)).toBe(22);
    expect(requiredPlaces(4.5, 145_800)).toBe(657);
  });

  it('is short of the required places by what it does not plan: 18 planned of 21 is 3 short', () => {
    expect(projectCompliance(7, { plannedResidents: 3000, plannedPlaces: 18 })).toEqual({
      requiredPlaces: 21,
      shortfall: 3,
      compliant: false,
    });
  });

  it('complies exactly at the norm, and above it with no negative shortfall', () => {
    expect(projectCompliance(7, { plannedResidents: 3000, plannedPlaces: 21 })).toEqual({
      requiredPlaces: 21,
      shortfall: 0,
      compliant: true,
    });
    expect(projectCompliance(7, { plannedResidents: 3000, plannedPlaces: 40 }).shortfall).toBe(0);
    // 20 of 21 is one short
    expect(projectCompliance(7, { plannedResidents: 3000, plannedPlaces: 20 }).compliant).toBe(false);
  });
});

describe('which norm a project is held to', () => {
  const chiping = ['371503', '371500', '370000'];

  it('applies to projects approved on or after the plan was issued, in its jurisdiction and below', () => {
    const seven = norm(7);
    expect(applicableNorm({ approvedOn: '2023-12-29' }, chiping, [seven])).toBe(seven);
    expect(applicableNorm({ approvedOn: '2023-12-28' }, chiping, [seven])).toBeNull();
    // Weixi's lineage does not pass through Chiping
    expect(applicableNorm({ approvedOn: '2024-01-01' }, ['533423', '533400', '530000'], [seven])).toBeNull();
    // a township below Chiping is covered
    expect(applicableNorm({ approvedOn: '2024-01-01' }, ['371503001', ...chiping], [seven])).toBe(seven);
  });

  it('takes the hardest of the norms that cover it, and a plan with no issue date covers every project', () => {
    const county = norm(7);
    const province = norm(9, null, '370000');
    expect(applicableNorm({ approvedOn: '2010-01-01' }, chiping, [county, province])).toBe(province);
    expect(residentialNorms([county.plan, province.plan])).toHaveLength(2);
  });
});

describe('a norm target over the projects registered', () => {
  it('sums planned places and residents, and the shortfalls; off track naming the projects short', () => {
    const short = project({ name: '东区', plannedResidents: 3000, plannedPlaces: 18 });
    const exact = project({ name: '西区', plannedResidents: 2000, plannedPlaces: 14 });
    const shortToo = project({ name: '北区', plannedResidents: 1500, plannedPlaces: 10 });
    const result = evaluateResidentialTarget(norm(7), [short, exact, shortToo], '2024-12-31');
    // Σ places 18 + 14 + 10 = 42, Σ residents 6,500: 42 × 1,000 ÷ 6,500 = 6.4615…
    expect(result.current).toBeCloseTo(6.461538, 6);
    // 北区: ⌈7 × 1,500 ÷ 1,000⌉ = ⌈10.5⌉ = 11, one short; with 东区's 3: 4
    expect(result.gap).toBe(4);
    expect(result.status).toBe('off_track');
    expect(result.residential.projectsCounted).toBe(3);
    expect(result.residential.nonCompliant.map((p) => [p.name, p.requiredPlaces, p.shortfall])).toEqual([
      ['东区', 21, 3],
      ['北区', 11, 1],
    ]);
  });

  it('leaves out a project approved before the issue date, or after the period in view', () => {
    const before = project({ approvedOn: '2023-12-28', plannedPlaces: 0 });
    const later = project({ approvedOn: '2025-01-01', plannedPlaces: 0 });
    const compliant = project({ approvedOn: '2023-12-29', plannedResidents: 1000, plannedPlaces: 7 });
    const result = evaluateResidentialTarget(norm(7), [before, later, compliant], '2024-12-31');
    expect(result).toMatchObject({ current: 7, gap: 0, status: 'met' });
    expect(result.residential.projectsCounted).toBe(1);
  });

  it('has no data when no project is registered', () => {
    expect(evaluateResidentialTarget(norm(7), [], '2024-12-31')).toMatchObject({
      current: null,
      gap: null,
      status: 'no_data',
    });
  });

  it("measures the norm in a jurisdiction's progress over its subtree's projects", () => {
    const units: UnitNode[] = [
      { code: '371503', name: '茌平区', nameEn: 'Chiping', level: 'county', parentCode: null },
      { code: '371503001', name: '镇', nameEn: 'Town', level: 'township', parentCode: '371503' },
    ];
    const subtree = new SubtreeValues(units, new Map(), new Map());
    const { plan } = norm(7);
    const progress = computeProgress({
      periodIndex: periodIndex({ year: 2024, quarter: 4 }),
      lineage: [units[0]],
      subtree,
      plans: [plan],
      planPopulations: new Map(),
      residentialProjects: new Map([
        ['371503', [project({ plannedResidents: 3000, plannedPlaces: 18 })]],
        ['371503001', [project({ jurisdictionCode: '371503001', plannedResidents: 1000, plannedPlaces: 7 })]],
      ]),
    });
    const [target] = progress.targets;
    // (18 + 7) × 1,000 ÷ 4,000 = 6.25, gap 3
    expect(target).toMatchObject({ measured: true, current: 6.25, gap: 3, status: 'off_track', closed: false });
    expect(target.residential?.nonCompliant).toHaveLength(1);
  });
});

describe('a project as entered', () => {
  const valid = {
    jurisdictionCode: '533423',
    name: '  维西新城  ',
    approvedOn: '2024-03-01',
    plannedResidents: 3000,
    plannedPlaces: 12,
    deliveredPlaces: 14,
  };
  const issues = (input: unknown) =>
    residentialProjectInputSchema.safeParse(input).error?.issues.map((issue) => [issue.path.join('.'), issue.message]);

  it('trims the name and accepts delivered places above planned ones', () => {
    expect(residentialProjectInputSchema.parse(valid)).toMatchObject({ name: '维西新城', deliveredPlaces: 14 });
  });

  it('refuses 0 residents, negative or fractional places, a date before 2000 and an empty or long name', () => {
    expect(issues({ ...valid, plannedResidents: 0 })).toEqual([['plannedResidents', 'residents_at_least_one']]);
    expect(issues({ ...valid, plannedPlaces: -1 })).toEqual([['plannedPlaces', 'not_negative']]);
    expect(issues({ ...valid, deliveredPlaces: 1.5 })).toEqual([['deliveredPlaces', 'whole_number']]);
    expect(issues({ ...valid, approvedOn: '1999-12-31' })).toEqual([['approvedOn', 'approved_before_2000']]);
    expect(issues({ ...valid, name: '   ' })).toEqual([['name', 'required']]);
    expect(issues({ ...valid, name: '区'.repeat(101) })).toEqual([['name', 'max_length|100']]);
    expect(issues({ ...valid, plannedResidents: 1_000_001 })).toEqual([['plannedResidents', 'too_many_residents']]);
  });

  it('tells a future approval date by the day in Beijing', () => {
    // 2026-12-01 17:00 UTC is already 2026-12-02 in Beijing
    const now = new Date('2026-12-01T17:00:00Z');
    expect(approvalInFuture('2026-12-02', now)).toBe(false);
    expect(approvalInFuture('2026-12-03', now)).toBe(true);
  });
});
