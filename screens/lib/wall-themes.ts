import type { SourceKind } from '@zhongshu/stream/contracts';
import type { MessageKey } from './messages';

/** The wall's themes, one route each (`/wall`, `/wall/hotline`, …); `home` is `/wall`. */
export const WALL_THEMES = ['home', 'hotline', 'urban', 'grid', 'safety', 'approvals', 'devices'] as const;
export type WallTheme = (typeof WALL_THEMES)[number];

export const THEME_PATHS: Record<WallTheme, string> = {
  home: '/wall/',
  hotline: '/wall/hotline/',
  urban: '/wall/urban/',
  grid: '/wall/grid/',
  safety: '/wall/safety/',
  approvals: '/wall/approvals/',
  devices: '/wall/devices/',
};

export const THEME_TITLES: Record<WallTheme, MessageKey> = {
  home: 'theme.home',
  hotline: 'theme.hotline',
  urban: 'theme.urban',
  grid: 'theme.grid',
  safety: 'theme.safety',
  approvals: 'theme.approvals',
  devices: 'theme.devices',
};

/**
 * Live events of these kinds change a theme's numbers: when one arrives the wall asks for the theme's
 * KPIs again (at most every couple of seconds). null: every kind.
 */
export const THEME_KINDS: Record<WallTheme, readonly SourceKind[] | null> = {
  home: null,
  hotline: ['hotline'],
  urban: ['urban'],
  grid: ['hotline', 'urban', 'safety'],
  safety: ['safety'],
  approvals: ['approval', 'hall'],
  devices: ['device'],
};
