import type { Metadata } from 'next';
import { WallApp } from '../../components/wall/wall-app';
import { t } from '../../lib/messages';

export const metadata: Metadata = { title: t('wall.title') };

/** `/wall`: the home theme; `?playlist=home,hotline,urban&interval=60` rotates themes. */
export default function WallPage() {
  return <WallApp theme="home" />;
}
