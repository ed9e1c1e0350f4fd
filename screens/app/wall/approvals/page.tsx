import type { Metadata } from 'next';
import { WallApp } from '../../../components/wall/wall-app';
import { t } from '../../../lib/messages';

export const metadata: Metadata = { title: `${t('theme.approvals')} · ${t('wall.title')}` };

export default function ApprovalsWallPage() {
  return <WallApp theme="approvals" />;
}
