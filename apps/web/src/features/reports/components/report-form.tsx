// The quarterly report form: places, affordable places, children enrolled, institutions by kind
// and a comment, each with last quarter's figure beside it; checked by the API's own schema as
// the person types, with the warnings that need a comment before submitting.
import { fieldMessage, type InstitutionKind, type ReportInput, type ReportView, reportWarnings } from '@tuowei/shared';
import { Alert, Button, Form, Input, InputNumber, Space, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../i18n/format.ts';
import { useLanguage } from '../../../i18n/use-language.ts';
import { type ApiRequestError, isApiError } from '../../../lib/api-client.ts';
import { bodyOf, checkValues, figuresOf, type ReportFormValues, sameInput, valuesOf } from './report-values.ts';
import { ReportWarnings } from './report-warnings.tsx';

export type PreviousReport = ReportView['previous'];

/** Institutions are counted three ways (docs/figures.md); the form groups the kinds the same way. */
const INSTITUTION_GROUPS: { group: 'ownership' | 'form' | 'roles'; kinds: InstitutionKind[] }[] = [
  { group: 'ownership', kinds: ['public', 'public_private', 'affordable_private', 'for_profit'] },
  { group: 'form', kinds: ['standalone', 'kindergarten_class', 'community_point', 'family_point', 'employer'] },
  {
    group: 'roles',
    kinds: ['comprehensive_centre', 'demonstration', 'public_demonstration', 'public_guidance', 'public_independent'],
  },
];

export type ReportAction = 'save' | 'submit' | 'approve' | 'return';

export interface ReportFormProps {
  report: ReportView | null;
  previous: PreviousReport;
  /** May change the figures and submit (entry staff, while the report is a draft or returned). */
  editable: boolean;
  /** Which review buttons a reviewer of the level above gets. */
  review: { approve: boolean; return: boolean } | null;
  busy: ReportAction | null;
  /** Why the report may be saved but not submitted yet (its quarter is still running); null when it may. */
  submitRefusal?: string | null;
  /** Saves the draft; rejects with the API's field problems (invalid_request) for the form to mark. */
  onSave: (input: ReportInput) => Promise<void>;
  /** Saves what changed, then submits; rejects with field problems (invalid_request, comment_required). */
  onSubmit: (input: ReportInput, unchanged: boolean) => Promise<void>;
  onApprove: () => void;
  onReturn: () => void;
  /** Shown above the buttons: the outcome of the last action. */
  feedback?: ReactNode;
}

export function ReportForm(props: ReportFormProps) {
  const { report, previous, editable, review, busy, submitRefusal, onSave, onSubmit, onApprove, onReturn, feedback } =
    props;
  const { t } = useTranslation();
  const { language } = useLanguage();
  const format = useFormat();
  const [form] = Form.useForm<ReportFormValues>();
  const initialValues = useMemo(() => valuesOf(report), [report]);
  const watched = Form.useWatch((values: ReportFormValues) => values, { form, preserve: true });
  const values = watched ?? initialValues;
  const [problem, setProblem] = useState<string | null>(null);

  const warnings = useMemo(() => {
    if (!editable) return report?.warnings ?? [];
    const figures = figuresOf(values);
    return figures && previous ? reportWarnings(figures, previous) : [];
  }, [editable, report, values, previous]);
  const commented = Boolean(values.comment?.trim());

  /** The schema's message for one field, in the screen's language (the words the API would use). */
  const schemaRule = (path: string, required = false): Rule => ({
    validator: async () => {
      const all = form.getFieldsValue(true) as ReportFormValues;
      const value = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], all);
      if (required && (value === null || value === undefined)) throw new Error(t('report.form.required'));
      const checked = checkValues(all);
      const key = checked.ok ? undefined : checked.problems.get(path);
      if (key) throw new Error(fieldMessage(key, language));
    },
  });

  /** The API's own verdict on fields it refused, marked where the person typed them. */
  const markProblems = (error: ApiRequestError) => {
    const details = Array.isArray(error.details) ? (error.details as { field?: unknown; message?: unknown }[]) : [];
    const fields = details
      .filter((detail) => typeof detail.field === 'string')
      .map((detail) => ({
        name:
          error.code === 'comment_required'
            ? ['comment']
            : String(detail.field)
                .replace(/^body\./, '')
                .split('.'),
        errors: [fieldMessage(String(detail.message ?? ''), language)],
      }));
    // The API names fields as the body does (`body.institutions.public`): the form's own paths.
    form.setFields(fields as Parameters<typeof form.setFields>[0]);
    setProblem(fields.length > 0 ? t('report.form.fixErrors') : error.message);
  };

  const act = async (action: 'save' | 'submit') => {
    setProblem(null);
    try {
      await form.validateFields();
    } catch {
      setProblem(t('report.form.fixErrors'));
      return;
    }
    const checked = checkValues(form.getFieldsValue(true) as ReportFormValues);
    if (!checked.ok) return;
    try {
      if (action === 'save') {
        await onSave(checked.input);
        return;
      }
      if (warnings.length > 0 && !checked.input.comment?.trim()) {
        form.setFields([{ name: 'comment', errors: [fieldMessage('comment_required', language)] }]);
        form.scrollToField('comment');
        setProblem(t('report.form.fixErrors'));
        return;
      }
      const unchanged = report !== null && sameInput(checked.input, bodyOf(valuesOf(report)));
      await onSubmit(checked.input, unchanged);
    } catch (error) {
      if (isApiError(error)) markProblems(error);
      else throw error;
    }
  };

  const previousText = (value: number | null | undefined) => {
    if (!previous) return t('report.form.previousNone');
    return t('report.form.previous', {
      value: value === null || value === undefined ? t('report.form.unknown') : format.integer(value),
    });
  };

  return (
    <Form<ReportFormValues>
      form={form}
      name="report"
      layout="vertical"
      initialValues={initialValues}
      disabled={!editable}
      requiredMark={editable}
      onValuesChange={() => setProblem(null)}
    >
      <div className="tuowei-field-grid">
        <FigureField
          name="places"
          label={t('report.form.places')}
          unit={t('report.form.placesUnit')}
          previous={previousText(previous?.places)}
          rules={[schemaRule('places', true)]}
          required
        />
        <FigureField
          name="affordablePlaces"
          label={t('report.form.affordablePlaces')}
          unit={t('report.form.placesUnit')}
          previous={previousText(previous?.affordablePlaces)}
          rules={[schemaRule('affordablePlaces', true)]}
          dependencies={['places']}
          required
        />
        <FigureField
          name="childrenEnrolled"
          label={t('report.form.childrenEnrolled')}
          unit={t('report.form.peopleUnit')}
          previous={previousText(previous?.childrenEnrolled)}
          rules={[schemaRule('childrenEnrolled')]}
          help={t('report.form.childrenEnrolledHint')}
        />
      </div>

      <fieldset className="tuowei-fieldset" aria-labelledby="report-child-months-heading">
        <h3 id="report-child-months-heading">{t('report.form.childMonths')}</h3>
        <p className="tuowei-secondary" style={{ marginTop: 0 }}>
          {t('report.form.childMonthsHint')}
        </p>
        <div className="tuowei-field-grid">
          <FigureField
            name="secondChildMonths"
            label={t('report.form.secondChildMonths')}
            unit={t('report.form.childMonthsUnit')}
            previous={previousText(undefined)}
            rules={[schemaRule('secondChildMonths')]}
          />
          <FigureField
            name="thirdChildMonths"
            label={t('report.form.thirdChildMonths')}
            unit={t('report.form.childMonthsUnit')}
            previous={previousText(undefined)}
            rules={[schemaRule('thirdChildMonths')]}
          />
        </div>
      </fieldset>

      <fieldset className="tuowei-fieldset" aria-labelledby="report-institutions-heading">
        <h3 id="report-institutions-heading">{t('report.form.institutions')}</h3>
        <p className="tuowei-secondary" style={{ marginTop: 0 }}>
          {t('report.form.institutionsHint')}
        </p>
        {INSTITUTION_GROUPS.map(({ group, kinds }) => (
          <div key={group} className="tuowei-institution-group">
            <h4>{t(`report.form.groups.${group}`)}</h4>
            <div className="tuowei-field-grid compact">
              {kinds.map((kind) => (
                <FigureField
                  key={kind}
                  name={['institutions', kind]}
                  label={t(`institutionKind.${kind}`)}
                  unit={t('report.form.placesUnit')}
                  previous={previousText(previous?.institutions[kind])}
                  rules={[schemaRule(`institutions.${kind}`)]}
                  small
                />
              ))}
            </div>
          </div>
        ))}
      </fieldset>

      <ReportWarnings warnings={warnings} commented={commented} />

      <Form.Item
        label={t('report.form.comment')}
        name="comment"
        rules={[schemaRule('comment')]}
        style={{ marginTop: warnings.length > 0 ? 16 : 0 }}
      >
        <Input.TextArea
          data-testid="field-comment"
          rows={3}
          placeholder={editable ? t('report.form.commentPlaceholder') : undefined}
          showCount={editable}
        />
      </Form.Item>

      {problem && <Alert type="error" showIcon title={problem} role="alert" style={{ marginBottom: 16 }} />}
      {feedback}

      <Space wrap className="tuowei-actions">
        {editable && (
          <>
            <Button data-testid="save-draft" loading={busy === 'save'} onClick={() => void act('save')}>
              {t('report.actions.saveDraft')}
            </Button>
            <Button
              type="primary"
              data-testid="submit"
              disabled={Boolean(submitRefusal)}
              loading={busy === 'submit'}
              onClick={() => void act('submit')}
            >
              {t('report.actions.submit')}
            </Button>
            {submitRefusal && (
              <Typography.Text type="secondary" data-testid="submit-refusal">
                {submitRefusal}
              </Typography.Text>
            )}
          </>
        )}
        {review?.approve && (
          // Reviewers act on a read-only form: their buttons stay enabled.
          <Button
            type="primary"
            data-testid="approve"
            disabled={false}
            loading={busy === 'approve'}
            onClick={onApprove}
          >
            {t('report.actions.approve')}
          </Button>
        )}
        {review?.return && (
          <Button danger data-testid="return" disabled={false} loading={busy === 'return'} onClick={onReturn}>
            {t('report.actions.return')}
          </Button>
        )}
      </Space>
    </Form>
  );
}

interface FigureFieldProps {
  name:
    | 'places'
    | 'affordablePlaces'
    | 'childrenEnrolled'
    | 'secondChildMonths'
    | 'thirdChildMonths'
    | ['institutions', InstitutionKind];
  label: string;
  unit: string;
  /** Last quarter's figure, in words, shown beside the input. */
  previous: string;
  rules: Rule[];
  dependencies?: string[];
  help?: string;
  required?: boolean;
  small?: boolean;
}

/** One count with last quarter's figure beside it; errors show under both, as one field. */
function FigureField({ name, label, unit, previous, rules, dependencies, help, required, small }: FigureFieldProps) {
  const id = `report-${Array.isArray(name) ? name.join('-') : name}`;
  const testId = Array.isArray(name) ? `field-institutions-${name[1]}` : `field-${name}`;
  return (
    <Form.Item label={label} htmlFor={id} required={required} extra={help} style={{ marginBottom: small ? 12 : 20 }}>
      <div className="tuowei-figure">
        <Form.Item name={name} rules={rules} dependencies={dependencies} noStyle>
          <InputNumber
            id={id}
            data-testid={testId}
            style={{ width: small ? 120 : 180 }}
            suffix={unit || undefined}
            // Counts are typed, not stepped: no spinner buttons over the unit.
            controls={false}
          />
        </Form.Item>
        <span className="tuowei-previous">{previous}</span>
      </div>
    </Form.Item>
  );
}
