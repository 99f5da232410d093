// Loads a newer edition of the division codes, shows the successions it proposes against the tree
// (a dry run: nothing written), and records the ones the admin ticks (commit).
import type { ProposedSuccession } from '@tuowei/shared';
import { App, Button, DatePicker, Form, Input, Space, Table, Tag, Typography, Upload } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionError } from '../../../components/action-error.tsx';
import { useLanguage } from '../../../i18n/use-language.ts';
import { isApiError } from '../../../lib/api-client.ts';
import { requiredRule, text } from '../../../lib/schema-rule.ts';
import { useCommitEdition, useCompareEdition } from '../api/compare-edition.ts';
import { type ParsedEdition, parseEdition } from './parse-edition.ts';
import { markRefusedFields } from './refused-fields.ts';

interface Values {
  effectiveOn?: Dayjs | null;
  reason?: string;
}

const EDITION_FIELDS = { effectiveOn: 'effectiveOn', reason: 'reason', 'units.': 'file', units: 'file' };
const pairKey = (p: { fromCode: string; toCode: string }) => `${p.fromCode}>${p.toCode}`;

export function EditionCompare() {
  const { t } = useTranslation();
  const { language } = useLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values & { file?: string }>();
  const [file, setFile] = useState<{ name: string; parsed: ParsedEdition } | null>(null);
  const [ticked, setTicked] = useState<string[]>([]);
  const compare = useCompareEdition();
  const commit = useCommitEdition();
  const proposals = compare.data?.proposals ?? null;

  const read = async (chosen: File) => {
    const parsed = parseEdition(await chosen.text());
    setFile({ name: chosen.name, parsed });
    setTicked([]);
    compare.reset();
    commit.reset();
    form.setFields([
      { name: 'file', errors: parsed.ok ? [] : [t('successions.edition.fileUnreadable', { line: parsed.line })] },
    ]);
  };

  const input = (values: Values, confirm: ProposedSuccession[]) => ({
    units: file?.parsed.ok ? file.parsed.units : [],
    effectiveOn: values.effectiveOn ? values.effectiveOn.format('YYYY-MM-DD') : '',
    reason: text(values.reason),
    confirm: confirm.map(({ fromCode, toCode }) => ({ fromCode, toCode })),
  });
  const refused = (error: Error) => {
    if (isApiError(error)) markRefusedFields(form, error, language, EDITION_FIELDS);
  };

  const runCompare = () =>
    void form.validateFields().then(
      (values) => {
        if (!file?.parsed.ok) {
          form.setFields([{ name: 'file', errors: [t('successions.edition.fileUnreadable', { line: 1 })] }]);
          return;
        }
        setTicked([]);
        commit.reset();
        compare.mutate(input(values, []), { onError: refused });
      },
      () => undefined,
    );
  const runCommit = () =>
    void form.validateFields().then(
      (values) => {
        const chosen = (proposals ?? []).filter((p) => ticked.includes(pairKey(p)));
        commit.mutate(input(values, chosen), {
          onSuccess: (answer) => {
            void message.success(t('successions.edition.committed', { count: answer.recorded.length }));
            compare.reset();
            setTicked([]);
          },
          onError: refused,
        });
      },
      () => undefined,
    );

  const named = (code: string, name: string) => `${name}（${code}）`;
  return (
    <section className="tuowei-stack" style={{ gap: 8 }} aria-labelledby="edition-title">
      <Typography.Title level={2} id="edition-title" style={{ fontSize: 18, marginBottom: 0 }}>
        {t('successions.edition.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t('successions.edition.intro')}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" style={{ maxWidth: 560 }}>
        <Form.Item label={t('successions.edition.file')} name="file">
          <Space wrap>
            <Upload
              accept=".csv,.json,.txt"
              showUploadList={false}
              beforeUpload={(chosen) => {
                void read(chosen);
                return false;
              }}
            >
              <Button data-testid="edition-file">{t('successions.edition.chooseFile')}</Button>
            </Upload>
            {file?.parsed.ok && (
              <Typography.Text data-testid="edition-file-read">
                {t('successions.edition.fileRead', { count: file.parsed.units.length, name: file.name })}
              </Typography.Text>
            )}
          </Space>
        </Form.Item>
        <Form.Item label={t('successions.fields.effectiveOn')} name="effectiveOn" rules={[requiredRule(language)]}>
          <DatePicker data-testid="edition-effective-on" />
        </Form.Item>
        <Form.Item label={t('successions.fields.reason')} name="reason" rules={[requiredRule(language)]}>
          <Input data-testid="edition-reason" maxLength={500} />
        </Form.Item>
        <Button onClick={runCompare} loading={compare.isPending} data-testid="edition-compare">
          {t('successions.edition.compare')}
        </Button>
      </Form>
      <ActionError error={compare.error ?? commit.error} testId="edition-error" />
      {proposals !== null && proposals.length === 0 && (
        <Typography.Text data-testid="edition-none">{t('successions.edition.none')}</Typography.Text>
      )}
      {proposals !== null && proposals.length > 0 && (
        <>
          <Table<ProposedSuccession>
            size="middle"
            rowKey={pairKey}
            dataSource={proposals}
            pagination={false}
            caption={t('successions.edition.proposals')}
            scroll={{ x: 640 }}
            rowSelection={{ selectedRowKeys: ticked, onChange: (keys) => setTicked(keys.map(String)) }}
            onRow={(p) =>
              ({ 'data-testid': 'edition-proposal', 'data-from': p.fromCode, 'data-to': p.toCode }) as object
            }
            columns={[
              {
                key: 'from',
                title: t('successions.edition.columns.from'),
                render: (_, p) => named(p.fromCode, p.fromName),
              },
              { key: 'to', title: t('successions.edition.columns.to'), render: (_, p) => named(p.toCode, p.name) },
              { key: 'parent', title: t('successions.edition.columns.parent'), dataIndex: 'parentCode' },
              {
                key: 'match',
                title: t('successions.edition.columns.match'),
                render: (_, p) => (
                  <Tag>
                    {p.match === 'same_name'
                      ? t('successions.edition.matchSameName')
                      : t('successions.edition.matchCountyToDistrict')}
                  </Tag>
                ),
              },
            ]}
          />
          <Button
            type="primary"
            onClick={runCommit}
            disabled={ticked.length === 0}
            loading={commit.isPending}
            data-testid="edition-confirm"
          >
            {t('successions.edition.confirm', { count: ticked.length })}
          </Button>
        </>
      )}
    </section>
  );
}
