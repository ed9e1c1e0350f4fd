import type { Metadata } from 'next';
import { WallScreen } from '../../components/wall/wall-screen';
import { t } from '../../lib/messages';

export const metadata: Metadata = { title: t('wall.title') };

export default function WallPage() {
  return <WallScreen />;
}
