import type { Metadata } from 'next';
import { District3DPage } from '../../../components/three/district-3d-page';
import { t } from '../../../lib/messages';

export const metadata: Metadata = { title: t('three.title') };

export default function District3DRoute() {
  return <District3DPage />;
}
