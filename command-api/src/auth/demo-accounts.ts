import type { Role } from '@zhongshu/ticketing';

export interface DemoAccount {
  username: Role;
  displayName: string;
  role: Role;
  department?: string;
  townCode?: string;
}

/**
 * One account per role for the demo district (海口市秀英区). Unit codes follow the duty table's
 * short pinyin codes: SWJ = 区水务局 (water utility), XXZX = 区大数据/信息中心. The centre's people
 * (commander, dispatcher, district leader) are district-wide, so they carry no unit and no street.
 */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'admin', displayName: '系统管理员', role: 'admin' },
  { username: 'commander', displayName: '指挥长', role: 'commander' },
  { username: 'dispatcher', displayName: '派单员', role: 'dispatcher' },
  { username: 'liaison', displayName: '联络员（区水务局）', role: 'liaison', department: 'SWJ' },
  { username: 'leader', displayName: '分管区领导', role: 'leader' },
  { username: 'engineer', displayName: '运维工程师（信息中心）', role: 'engineer', department: 'XXZX' },
];

export const DEMO_WALL_NAME = '演示大屏 demo wall';
