// The database's tables as kysely sees them; mirrors migrations/ (checked by test/schema.test.ts).
import type { ColumnType, Generated } from 'kysely';

/** int8 and numeric columns arrive from `pg` as strings. */
type Numeric = ColumnType<string, number | string, number | string>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface JurisdictionsTable {
  code: string;
  name: string;
  name_en: string;
  level: 'province' | 'prefecture' | 'county';
  parent_code: string | null;
  synthetic: Generated<boolean>;
  created_at: Timestamp;
}

export interface PopulationsTable {
  jurisdiction_code: string;
  year: number;
  population: Numeric;
  source: string;
  created_at: Timestamp;
}

export interface PlansTable {
  id: Generated<string>;
  seed_key: string | null;
  jurisdiction_code: string;
  document_number: string | null;
  title: string;
  issuer: string;
  issued_on: ColumnType<string | null, string | null | undefined, string | null>;
  source_file: string | null;
  created_at: Timestamp;
}

export interface TargetsTable {
  id: Generated<string>;
  seed_key: string | null;
  plan_id: string;
  metric: string;
  comparator: string;
  value: Numeric;
  due_year: number;
  clause: string;
  scope: string;
  institution_kind: string | null;
  sort_order: Generated<number>;
  created_at: Timestamp;
}

export interface QuarterlyReportsTable {
  id: Generated<string>;
  jurisdiction_code: string;
  year: number;
  quarter: number;
  places: number;
  affordable_places: number;
  children_enrolled: number | null;
  status: Generated<'draft' | 'submitted' | 'approved' | 'returned'>;
  version: Generated<number>;
  demo: Generated<boolean>;
  comment: string | null;
  return_reason: string | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_by: string | null;
  updated_at: Timestamp;
  submitted_by: string | null;
  submitted_at: Timestamp | null;
  approved_by: string | null;
  approved_at: Timestamp | null;
}

export interface ReportInstitutionsTable {
  report_id: string;
  kind: string;
  count: number;
}

export interface DB {
  jurisdictions: JurisdictionsTable;
  populations: PopulationsTable;
  plans: PlansTable;
  targets: TargetsTable;
  quarterly_reports: QuarterlyReportsTable;
  report_institutions: ReportInstitutionsTable;
}
