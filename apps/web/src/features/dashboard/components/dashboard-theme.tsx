// Ant Design's colours darkened where its defaults fall short of WCAG AA contrast (4.5:1) on the
// dashboard: links, secondary text, and the status tags' words on their tinted backgrounds. Nested
// inside the app's theme, so everything else (primary colour, font, language) is inherited.
import { ConfigProvider, type ThemeConfig } from 'antd';
import type { ReactNode } from 'react';

const ACCESSIBLE: ThemeConfig = {
  token: {
    colorLink: '#1f5fa8',
    colorInfo: '#1f5fa8',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    // darker words on the same light tints: a dark seed alone would grey the tints as well
    colorSuccess: '#237804',
    colorSuccessBg: '#f6ffed',
    colorSuccessBorder: '#b7eb8f',
    colorWarning: '#a15c00',
    colorWarningBg: '#fffbe6',
    colorWarningBorder: '#ffe58f',
    colorError: '#cf1322',
    colorErrorBg: '#fff2f0',
    colorErrorBorder: '#ffccc7',
    colorInfoBg: '#e6f4ff',
    colorInfoBorder: '#91caff',
    // preset tags (carried forward, off track) take their words from these palettes
    gold: '#ad6800',
    volcano: '#c2410c',
  },
};

export function DashboardTheme({ children }: { children: ReactNode }) {
  return <ConfigProvider theme={ACCESSIBLE}>{children}</ConfigProvider>;
}
