import type { LiveOrder } from '@zhongshu/stream/contracts';
import type { MapDeviceStatus } from './map-api';
import { UI } from './palette';

/**
 * Map colours beyond source kinds (those are KIND_COLORS in palette.ts, shared with every widget):
 * deadline states of work orders and device statuses. Derived from the wall's UI palette so a red
 * means the same thing on the map as on a tile.
 */
export const WARNING_COLORS = {
  none: '#5fd3c6',
  yellow: '#ffd84a',
  orange: UI.warn,
  red: UI.bad,
  overdue: '#ff2f8f',
} as const satisfies Record<LiveOrder['warning'], string>;

export const WARNINGS = [
  'none',
  'yellow',
  'orange',
  'red',
  'overdue',
] as const satisfies readonly LiveOrder['warning'][];

export const DEVICE_STATUS_COLORS = {
  online: UI.ok,
  offline: '#8a98ad',
  fault: UI.bad,
  silent: '#4b5d78',
} as const satisfies Record<MapDeviceStatus, string>;

export const DEVICE_STATUSES = ['online', 'fault', 'offline', 'silent'] as const satisfies readonly MapDeviceStatus[];

/** Heatmap ramp: calm blue through cyan to amber, only the hottest cells turn red. */
export const HEAT_RAMP = {
  colors: ['rgba(20, 60, 140, 0)', 'rgba(31, 95, 191, 0.55)', '#25b6e6', '#6ef0c4', '#ffd166', '#ff5a5f'],
  positions: [0, 0.2, 0.42, 0.62, 0.82, 1],
} as const;

/** Base map lines: the district glows, towns are visible, grids whisper. */
export const BASE_COLORS = {
  districtFill: '#0d4a8c',
  districtGlow: '#38c8ff',
  districtLine: '#7fe9ff',
  towns: '#5ab4ff',
  grids: '#4f8fe0',
  clusterText: '#f2fbff',
} as const;
