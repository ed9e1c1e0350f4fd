import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { t } from '../lib/messages';
import './globals.css';

export const metadata: Metadata = {
  title: t('app.name'),
  description: t('app.description'),
};

export const viewport: Viewport = { themeColor: '#030b1a', colorScheme: 'dark' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="zh-CN">
      <body>{children}</body>
    </html>
  );
}
