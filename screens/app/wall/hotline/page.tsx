import type { Metadata } from 'next';
import { WallApp } from '../../../components/wall/wall-app';
import { t } from '../../../lib/messages';

export const metadata: Metadata = { title: `${t('theme.hotline')} · ${t('wall.title')}` };

export default function HotlineWallPage() {
  return <WallApp theme="hotline" />;
}
