// The report form's values and what they mean to the API: an empty answer is unknown (left out
// or null), never zero; the shared schema checks them exactly as the API will.
import {
  type InstitutionKind,
  type ReportFigures,
  type ReportInput,
  type ReportView,
  reportInputSchema,
} from '@tuowei/shared';

export interface ReportFormValues {
  places: number | null;
  affordablePlaces: number | null;
  childrenEnrolled: number | null;
  secondChildMonths?: number | null;
  thirdChildMonths?: number | null;
  institutions: Partial<Record<InstitutionKind, number | null>>;
  comment: string | null;
}

/** The figures a report's form starts from: the saved ones, or nothing yet. */
export function valuesOf(report: ReportView | null): ReportFormValues {
  if (!report) {
    return { places: null, affordablePlaces: null, childrenEnrolled: null, institutions: {}, comment: null };
  }
  return {
    places: report.places,
    affordablePlaces: report.affordablePlaces,
    childrenEnrolled: report.childrenEnrolled,
    secondChildMonths: report.secondChildMonths,
    thirdChildMonths: report.thirdChildMonths,
    institutions: { ...report.institutions },
    comment: report.comment,
  };
}

/** The body the API would receive for these values (not yet checked). */
export function bodyOf(values: ReportFormValues): Record<string, unknown> {
  const institutions = Object.fromEntries(
    Object.entries(values.institutions ?? {}).filter(([, count]) => count !== null && count !== undefined),
  );
  return {
    places: values.places ?? undefined,
    affordablePlaces: values.affordablePlaces ?? undefined,
    childrenEnrolled: values.childrenEnrolled ?? null,
    secondChildMonths: values.secondChildMonths ?? null,
    thirdChildMonths: values.thirdChildMonths ?? null,
    institutions,
    comment: values.comment?.trim() ? values.comment : null,
  };
}

export type CheckedValues = { ok: true; input: ReportInput } | { ok: false; problems: Map<string, string> };

/** The shared schema's verdict: the input, or each field's first problem (a message key) by path. */
export function checkValues(values: ReportFormValues): CheckedValues {
  const result = reportInputSchema.safeParse(bodyOf(values));
  if (result.success) return { ok: true, input: result.data };
  const problems = new Map<string, string>();
  for (const issue of result.error.issues) {
    const path = issue.path.join('.');
    if (!problems.has(path)) problems.set(path, issue.message);
  }
  return { ok: false, problems };
}

/** The figures the warnings compare, once both place counts are numbers. */
export function figuresOf(values: ReportFormValues): ReportFigures | null {
  if (typeof values.places !== 'number' || typeof values.affordablePlaces !== 'number') return null;
  const institutions = bodyOf(values).institutions as ReportFigures['institutions'];
  return {
    places: values.places,
    affordablePlaces: values.affordablePlaces,
    childrenEnrolled: values.childrenEnrolled ?? null,
    institutions,
  };
}

/** Whether two inputs say the same thing to the API. */
export function sameInput(a: ReportInput | Record<string, unknown>, b: ReportInput | Record<string, unknown>) {
  const canonical = (input: Record<string, unknown>) =>
    JSON.stringify(input, (_, value) =>
      value && typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value).sort(([x], [y]) => x.localeCompare(y)))
        : value,
    );
  return canonical(a) === canonical(b);
}
