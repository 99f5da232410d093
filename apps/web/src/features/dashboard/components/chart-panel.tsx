// A chart with its table view beside it (one toggle) and a CSV of exactly the rows it draws. The
// chart itself is loaded lazily, and only once it comes near the screen, so that the table and the
// rest of the page never wait for recharts, nor a page for a chart further down; a page going to
// paper draws them all. A chart with nothing to draw says so in a sentence instead of an empty frame.
import { DownloadOutlined } from '@ant-design/icons';
import type { TargetStatus } from '@tuowei/shared';
import { Button, Card, Empty, Segmented, Spin, Typography } from 'antd';
import { type ReactNode, type RefCallback, Suspense, useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type DataTable, tableCsv } from '../chart-data.ts';
import { DataTableView } from './data-table.tsx';
import { downloadText } from './download.ts';
import { usePrinting } from './print-mode.ts';

type View = 'chart' | 'table';

/** How far outside the viewport a chart starts loading: the reader scrolling meets it drawn. */
const NEAR_SCREEN_MARGIN = '400px 0px';

/** Whether the element has come near the viewport; once it has, it stays so. */
function useNearScreen(): [RefCallback<HTMLElement>, boolean] {
  const [near, setNear] = useState(() => typeof IntersectionObserver === 'undefined');
  const ref = useCallback(
    (element: HTMLElement | null) => {
      if (!element || near) return;
      const observer = new IntersectionObserver(
        (entries) => {
          if (entries.some((entry) => entry.isIntersecting)) setNear(true);
        },
        { rootMargin: NEAR_SCREEN_MARGIN },
      );
      observer.observe(element);
      return () => observer.disconnect();
    },
    [near],
  );
  return [ref, near];
}

export interface ChartPanelProps {
  /** Names the panel in ids, test ids and the CSV's file name. */
  id: string;
  title: string;
  description?: ReactNode;
  table: DataTable;
  /** The CSV's file name, without `.csv`. */
  fileName: string;
  /** The chart; without one the panel is a table with its CSV. */
  chart?: ReactNode;
  defaultView?: View;
  unitLink?: (code: string) => string;
  /** Shown under the chart or table: completeness, reconciliation, notes. */
  footer?: ReactNode;
  /**
   * Said instead of the chart, and of its description (which names what it draws), when the chart
   * has no figure to draw; the table view still lists the rows.
   */
  empty?: string;
}

export function ChartPanel(props: ChartPanelProps) {
  const { id, title, description, table, fileName, chart, defaultView = 'chart', unitLink, footer, empty } = props;
  const { t } = useTranslation();
  const [chosen, setView] = useState<View>(defaultView);
  const [chartRef, nearScreen] = useNearScreen();
  const printing = usePrinting();
  const view = chart === undefined ? 'table' : chosen;
  const headingId = `${id}-heading`;

  const chartLoading = (
    <div className="tuowei-chart-loading">
      <Spin />
      <span>{t('dashboard.view.chartLoading')}</span>
    </div>
  );

  const download = () =>
    downloadText(
      tableCsv(table, {
        title: (key) => t(`dashboard.columns.${key as 'period'}`),
        status: (status: TargetStatus) => t(`status.${status}`),
      }),
      `${fileName}.csv`,
    );

  return (
    <section aria-labelledby={headingId} data-testid={`panel-${id}`}>
      <Card
        className="tuowei-panel"
        title={
          <Typography.Title level={2} id={headingId} style={{ fontSize: 18, margin: 0, whiteSpace: 'normal' }}>
            {title}
          </Typography.Title>
        }
        extra={
          <div className="tuowei-panel-actions">
            {chart !== undefined && (
              <Segmented<View>
                aria-label={t('dashboard.view.label')}
                value={view}
                onChange={setView}
                options={[
                  { value: 'chart', label: t('dashboard.view.chart') },
                  { value: 'table', label: t('dashboard.view.table') },
                ]}
                data-testid={`${id}-view`}
              />
            )}
            <Button icon={<DownloadOutlined aria-hidden />} onClick={download} data-testid={`${id}-csv`}>
              {t('dashboard.view.downloadCsv')}
            </Button>
          </div>
        }
      >
        {description && !(view === 'chart' && empty) && (
          <Typography.Paragraph type="secondary">{description}</Typography.Paragraph>
        )}
        {view === 'chart' && empty ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<span data-testid={`${id}-empty`}>{empty}</span>} />
        ) : view === 'chart' ? (
          <figure className="tuowei-chart" aria-label={title} ref={chartRef}>
            {nearScreen || printing ? (
              // on paper, drawn at the width of an A4 page's text rather than the screen's
              <div className={printing ? 'tuowei-chart-paper' : undefined}>
                <Suspense fallback={chartLoading}>{chart}</Suspense>
              </div>
            ) : (
              chartLoading
            )}
          </figure>
        ) : (
          <DataTableView table={table} caption={title} unitLink={unitLink} testId={`${id}-table`} />
        )}
        {footer}
      </Card>
    </section>
  );
}

/**
 * A chart's caption from the phrases of the series it draws (false for one it leaves out), joined
 * as the screen's language joins them: "柱为…；阶梯线为…。", "Bars: …. Steps: ….".
 */
export function useCaption(): (phrases: readonly (string | false)[]) => string | undefined {
  const { t } = useTranslation();
  return (phrases) => {
    const said = phrases.filter((phrase): phrase is string => phrase !== false);
    if (said.length === 0) return undefined;
    return `${said.join(t('dashboard.view.captionJoin'))}${t('dashboard.view.captionEnd')}`;
  };
}
