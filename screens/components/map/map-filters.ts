import type { LiveEvent, SourceKind } from '@zhongshu/stream/contracts';

const TELEMETRY = 'cn.zhongshu.device.telemetry.v1';

/**
 * The map's event layers show what a person acts on, like the wall's feed: routine device telemetry
 * (several a second from fixed devices) stays off them; devices have their own layer.
 */
export function isMappable(event: LiveEvent, kinds: readonly SourceKind[] | null): boolean {
  if (!Number.isFinite(event.lng) || !Number.isFinite(event.lat)) return false;
  if (isRoutine(event)) return false;
  return !kinds || kinds.includes(event.kind);
}

/** Routine telemetry: counted on tiles, but not an incident for maps, feeds or per-town columns. */
export function isRoutine(event: Pick<LiveEvent, 'type' | 'severity'>): boolean {
  return event.type === TELEMETRY && event.severity === 'info';
}
