// The settings every dashboard reads: which reports count (submitted and approved, or approved
// only) and how many days after a quarter its report is due. Country-wide administrators only.
import { type Settings, settingsSchema } from '@tuowei/shared';
import { Alert, App, Button, Card, Form, InputNumber, Radio, Skeleton, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ActionError } from '../../../components/action-error.tsx';
import { QueryError } from '../../../components/query-error.tsx';
import { useLanguage } from '../../../i18n/use-language.ts';
import { requiredRule, schemaRule } from '../../../lib/schema-rule.ts';
import { useSettings } from '../api/get-settings.ts';
import { useSaveSettings } from '../api/save-settings.ts';

interface Values {
  counting?: Settings['counting'];
  reportDeadlineDays?: number | null;
}

const COUNTINGS: Settings['counting'][] = ['submitted_and_approved', 'approved_only'];

export function SettingsForm({ countryWide }: { countryWide: boolean }) {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { message } = App.useApp();
  const settings = useSettings();
  const save = useSaveSettings();
  const [form] = Form.useForm<Values>();

  if (settings.isPending) return <Skeleton active paragraph={{ rows: 4 }} />;
  if (settings.isError) return <QueryError error={settings.error} onRetry={() => void settings.refetch()} />;

  const toInput = (values: Values) => ({
    counting: values.counting,
    reportDeadlineDays: values.reportDeadlineDays,
  });
  const rule = (field: keyof Settings) => schemaRule(settingsSchema, field, toInput, language);

  return (
    <Card style={{ maxWidth: 760 }}>
      <div className="tuowei-stack" style={{ gap: 16 }}>
        {countryWide ? (
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {t('admin.settings.intro')}
          </Typography.Paragraph>
        ) : (
          <Alert type="info" showIcon title={t('admin.settings.countryOnly')} data-testid="settings-country-only" />
        )}
        <Form<Values>
          form={form}
          layout="vertical"
          disabled={!countryWide || save.isPending}
          initialValues={settings.data}
          onFinish={(values) =>
            save.mutate(settingsSchema.parse(toInput(values)), {
              onSuccess: () => void message.success(t('admin.settings.saved')),
            })
          }
        >
          <Form.Item
            label={t('admin.settings.counting')}
            name="counting"
            extra={t('admin.settings.countingHelp')}
            rules={[requiredRule(language), rule('counting')]}
          >
            <Radio.Group data-testid="settings-counting">
              <Space orientation="vertical">
                {COUNTINGS.map((counting) => (
                  <Radio key={counting} value={counting}>
                    {t(`admin.settings.${counting}`)}
                    <span className="tuowei-secondary">{t(`admin.settings.${counting}Hint`)}</span>
                  </Radio>
                ))}
              </Space>
            </Radio.Group>
          </Form.Item>
          <Form.Item
            label={t('admin.settings.deadline')}
            name="reportDeadlineDays"
            extra={t('admin.settings.deadlineHelp')}
            rules={[requiredRule(language), rule('reportDeadlineDays')]}
          >
            <InputNumber
              min={0}
              max={120}
              precision={0}
              suffix={t('admin.settings.days')}
              style={{ width: 160 }}
              data-testid="settings-deadline"
            />
          </Form.Item>
          <ActionError error={save.error} />
          {countryWide && (
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="settings-save">
              {t('admin.actions.save')}
            </Button>
          )}
        </Form>
      </div>
    </Card>
  );
}
