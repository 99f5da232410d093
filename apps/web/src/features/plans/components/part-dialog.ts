// What the dialogs that add a part to a plan or change one (a target, a funding rule) share: each
// field checked by the API's own schema of the part, and a save that confirms in the reader's
// language and closes the dialog.
import { App } from 'antd';
import { useLanguage } from '../../../i18n/use-language.ts';
import { schemaRule } from '../../../lib/schema-rule.ts';

type Checkable = Parameters<typeof schemaRule>[0];

export function usePartDialog<Values, Input>(options: {
  /** The API's schema of the part's input. */
  schema: Checkable;
  /** The form's values as the API's input. */
  toInput: (values: Values) => Input;
  onClose: () => void;
}) {
  const { language } = useLanguage();
  const { message } = App.useApp();
  return {
    language,
    /** The schema's rule for one of the input's fields. */
    rule: (field: keyof Input & string) => schemaRule(options.schema, field, options.toInput, language),
    /** A write's callbacks: once it succeeds, say `saved` and close. */
    savedThen: (saved: string) => ({
      onSuccess: () => {
        void message.success(saved);
        options.onClose();
      },
    }),
  };
}
