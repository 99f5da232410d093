// Prints a jurisdiction's page: every chart drawn first (they are otherwise drawn when scrolled
// near), then the browser's print, on A4 (jurisdiction-page.css).
import { PrinterOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { preloadCharts } from './lazy-charts.ts';
import { chartsDrawn, startPrinting } from './print-mode.ts';

export function PrintButton() {
  const { t } = useTranslation();
  const [preparing, setPreparing] = useState(false);
  const print = async () => {
    setPreparing(true);
    try {
      await preloadCharts();
      startPrinting();
      await chartsDrawn();
    } finally {
      setPreparing(false);
    }
    window.print();
  };
  return (
    <Button
      size="small"
      icon={<PrinterOutlined aria-hidden />}
      loading={preparing}
      onClick={() => void print()}
      className="tuowei-screen-only"
      data-testid="print-page"
    >
      {t('jurisdictionPage.print')}
    </Button>
  );
}
