import type { Severity, SourceKind } from '@zhongshu/stream/contracts';

/**
 * The one palette for source kinds: tiles, feed, map points and trend lines all read it,
 * so a colour means the same thing everywhere on the wall. Tuned for a dark background.
 * Kept as a typed literal rather than importing SOURCE_KINDS at run time: the contracts
 * module drags zod into the browser bundle, the wall needs only the names.
 */
export const KIND_COLORS = {
  hotline: '#3d9bff',
  urban: '#33d69f',
  safety: '#ff4f6d',
  device: '#a07cff',
  approval: '#f6c443',
  hall: '#ff8a3d',
} as const satisfies Record<SourceKind, string>;

/** Display order: citizen-facing first, machines last. */
export const KINDS = [
  'hotline',
  'urban',
  'safety',
  'device',
  'approval',
  'hall',
] as const satisfies readonly SourceKind[];

// Compile-time check that KINDS lists every SourceKind exactly as the contract does.
type Missing = Exclude<SourceKind, (typeof KINDS)[number]>;
const _allKindsListed: Missing extends never ? true : never = true;

export const SEVERITY_COLORS = {
  info: '#6f8bb3',
  minor: '#4fc3f7',
  major: '#ffa53d',
  critical: '#ff3b5c',
} as const satisfies Record<Severity, string>;

export const UI = {
  bg: '#030b1a',
  panel: 'rgba(8, 26, 54, 0.62)',
  line: 'rgba(64, 156, 255, 0.28)',
  accent: '#47d7ff',
  text: '#dbeaff',
  textDim: '#7f9cc4',
  ok: '#3fe3a0',
  warn: '#ffb547',
  bad: '#ff4f5e',
} as const;

export function hexToRgba(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/** Lines and bars that are not source kinds or severities (受理/转办, 上报/处置/结案…), in order of use. */
export const SERIES_COLORS = ['#47d7ff', '#ffb547', '#3fe3a0', '#a07cff', '#ff6b8b', '#f6c443'] as const;

/** A colour for one item of a breakdown: by kind or severity where the key is one, else by position. */
export function itemColor(domain: string | undefined, key: string, index: number): string {
  if (domain === 'kind' && key in KIND_COLORS) return KIND_COLORS[key as keyof typeof KIND_COLORS];
  if ((domain === 'severity' || domain === 'alarmSeverity') && key in SEVERITY_COLORS)
    return SEVERITY_COLORS[key as keyof typeof SEVERITY_COLORS];
  if (domain === 'deviceStatus') return key === 'online' ? UI.ok : key === 'fault' ? UI.bad : UI.warn;
  return SERIES_COLORS[index % SERIES_COLORS.length];
}
