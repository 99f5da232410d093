// Adds a unit under another (its code and names; its level follows the parent's) or renames one.
// The code is the unit's identity: a code already in use is refused here, because the API would
// read the write as a rename of that unit.

import { useQueryClient } from '@tanstack/react-query';
import {
  CHILD_LEVEL,
  codeFitsLevel,
  DIVISION_CODE,
  fieldMessage,
  type JurisdictionDetail,
  type JurisdictionInput,
  jurisdictionInputSchema,
} from '@tuowei/shared';
import { App, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormDialog } from '../../../components/form-dialog.tsx';
import { useLanguage } from '../../../i18n/use-language.ts';
import { jurisdictionNamesQueryOptions } from '../../../lib/jurisdiction-tree.ts';
import { schemaRule, text } from '../../../lib/schema-rule.ts';
import { useSaveJurisdiction } from '../api/save-jurisdiction.ts';

export type JurisdictionDialogMode =
  | { kind: 'add'; parent: JurisdictionDetail | null }
  | { kind: 'rename'; unit: JurisdictionDetail };

interface Values {
  code?: string;
  name?: string;
  nameEn?: string;
}

export interface JurisdictionDialogProps {
  mode: JurisdictionDialogMode | null;
  onClose: () => void;
  onSaved: (detail: JurisdictionDetail) => void;
}

export function JurisdictionDialog({ mode, onClose, onSaved }: JurisdictionDialogProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { language, nameOf } = useLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useSaveJurisdiction();

  const parent = mode?.kind === 'add' ? mode.parent : null;
  const level: JurisdictionInput['level'] =
    mode?.kind === 'rename' ? mode.unit.level : parent ? (CHILD_LEVEL[parent.level] ?? 'township') : 'province';
  const parentCode = mode?.kind === 'rename' ? mode.unit.parentCode : (parent?.code ?? null);
  const toInput = (values: Values): JurisdictionInput => ({
    name: text(values.name),
    nameEn: text(values.nameEn),
    level,
    parentCode,
  });
  const rule = (field: keyof JurisdictionInput) => schemaRule(jurisdictionInputSchema, field, toInput, language);

  const title =
    mode?.kind === 'rename'
      ? t('admin.jurisdictions.renameTitle', { name: nameOf(mode.unit) })
      : parent
        ? t('admin.jurisdictions.addChildTitle', {
            parent: nameOf(parent),
            level: t(`level.${level}`),
          })
        : t('admin.jurisdictions.addProvince');

  const submit = (values: Values) => {
    if (!mode) return;
    const code = mode.kind === 'rename' ? mode.unit.code : text(values.code);
    save.mutate(
      { code, input: toInput(values) },
      {
        onSuccess: (detail) => {
          void message.success(
            mode.kind === 'rename'
              ? t('admin.jurisdictions.renamed')
              : t('admin.jurisdictions.added', { name: nameOf(detail), code: detail.code }),
          );
          onSaved(detail);
        },
      },
    );
  };

  return (
    <FormDialog<Values>
      open={mode !== null}
      title={title}
      form={form}
      initialValues={mode?.kind === 'rename' ? { name: mode.unit.name, nameEn: mode.unit.nameEn } : {}}
      onSubmit={submit}
      onClose={onClose}
      write={save}
      saveTestId="jurisdiction-save"
    >
      {mode?.kind === 'add' && (
        <Form.Item
          label={t('admin.jurisdictions.code')}
          name="code"
          extra={t('admin.jurisdictions.codeHint')}
          rules={[
            {
              validator: async (_, value: string | undefined) => {
                const code = text(value);
                if (!DIVISION_CODE.test(code) || !codeFitsLevel(code, level))
                  throw new Error(fieldMessage('division_code', language));
                // the one code asked about, not the tree
                const [taken] = await queryClient.fetchQuery(jurisdictionNamesQueryOptions([code]));
                if (taken) {
                  throw new Error(t('admin.jurisdictions.codeTaken', { code, name: nameOf(taken) }));
                }
              },
            },
          ]}
        >
          <Input inputMode="numeric" maxLength={6} autoFocus data-testid="jurisdiction-code" />
        </Form.Item>
      )}
      <Form.Item label={t('admin.jurisdictions.name')} name="name" rules={[rule('name')]}>
        <Input data-testid="jurisdiction-name" autoFocus={mode?.kind === 'rename'} />
      </Form.Item>
      <Form.Item label={t('admin.jurisdictions.nameEn')} name="nameEn" rules={[rule('nameEn')]}>
        <Input data-testid="jurisdiction-name-en" placeholder={t('admin.jurisdictions.nameEnPlaceholder')} />
      </Form.Item>
      <Form.Item label={t('admin.jurisdictions.level')}>
        <Typography.Text data-testid="jurisdiction-level">
          {mode?.kind === 'add' && parent
            ? t('admin.jurisdictions.levelFollows', { level: t(`level.${level}`) })
            : t(`level.${level}`)}
        </Typography.Text>
      </Form.Item>
    </FormDialog>
  );
}
