// Whether the audit trail's hash chain is intact, and its head (the last row's id and hash) to
// compare with the head an export recorded; broken, the first row where it breaks.
import { Alert, Button, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../i18n/format.ts';
import { useAuditVerify } from '../api/get-audit-verify.ts';

export function ChainStatus() {
  const { t } = useTranslation();
  const format = useFormat();
  const verify = useAuditVerify();
  const again = (
    <Button size="small" loading={verify.isFetching} onClick={() => void verify.refetch()}>
      {t('audit.chain.again')}
    </Button>
  );

  if (verify.isPending) {
    return <Alert data-testid="audit-chain" type="info" showIcon title={t('audit.chain.checking')} />;
  }
  if (verify.isError) {
    return (
      <Alert
        data-testid="audit-chain"
        type="warning"
        showIcon
        title={t('audit.chain.failed')}
        description={verify.error.message}
        action={again}
      />
    );
  }
  const { rows, head, intact, firstBrokenId } = verify.data;
  const headLine = head ? (
    <>
      {t('audit.chain.head', { id: head.id })}{' '}
      <Typography.Text code copyable className="tuowei-id" data-testid="audit-chain-hash">
        {head.hash}
      </Typography.Text>
    </>
  ) : (
    t('audit.chain.empty')
  );
  return (
    <Alert
      data-testid="audit-chain"
      data-intact={intact}
      type={intact ? 'success' : 'error'}
      showIcon
      title={
        intact
          ? t('audit.chain.intact', { rows: format.integer(rows) })
          : t('audit.chain.broken', { id: firstBrokenId, rows: format.integer(rows) })
      }
      description={
        <>
          <div>{headLine}</div>
          <div className="tuowei-secondary">{t(intact ? 'audit.chain.compare' : 'audit.chain.whatNow')}</div>
        </>
      }
      action={again}
    />
  );
}
