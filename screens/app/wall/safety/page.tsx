import type { Metadata } from 'next';
import { WallApp } from '../../../components/wall/wall-app';
import { t } from '../../../lib/messages';

export const metadata: Metadata = { title: `${t('theme.safety')} · ${t('wall.title')}` };

export default function SafetyWallPage() {
  return <WallApp theme="safety" />;
}
