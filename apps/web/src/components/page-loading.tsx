// What a page shows while its code or its session loads.
import { Spin } from 'antd';
import { useTranslation } from 'react-i18next';

export function PageLoading() {
  const { t } = useTranslation();
  return (
    <div className="tuowei-page-loading" role="status">
      <Spin size="large" />
      <span>{t('common.loading')}</span>
    </div>
  );
}
