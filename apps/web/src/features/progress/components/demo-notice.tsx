// Says plainly when the figures on the page are demo reports, not statistics.
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';

export function DemoNotice() {
  const { t } = useTranslation();
  return (
    <Alert
      type="warning"
      showIcon
      title={t('progress.demo.title')}
      description={t('progress.demo.description')}
      data-testid="demo-notice"
    />
  );
}
