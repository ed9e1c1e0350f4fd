'use client';

import type { SourceKind } from '@zhongshu/stream/contracts';
import { useT } from '../../lib/locale';
import { MAX_EVENTS } from '../../lib/live-store';
import { useLive } from '../../lib/use-live';
import { DEVICE_STATUS_COLORS, DEVICE_STATUSES, HEAT_RAMP, WARNING_COLORS, WARNINGS } from '../../lib/map-palette';
import { kindKey } from '../../lib/messages';
import { KIND_COLORS, KINDS } from '../../lib/palette';
import { isMappable } from './map-filters';
import { LAYER_LABELS, MAP_LAYERS, type MapLayerId } from './map-themes';
import type { TodayPoints } from './use-cluster-layers';

/** Layer switches and "back to the whole district". */
export function MapToolbar({
  visible,
  onToggle,
  onReset,
}: {
  visible: ReadonlySet<MapLayerId>;
  onToggle: (layer: MapLayerId) => void;
  onReset: () => void;
}) {
  const t = useT();
  return (
    <div className="cmap-toolbar" role="toolbar" aria-label={t('map.layers')} data-testid="map-toolbar">
      {MAP_LAYERS.map((layer) => (
        <button
          key={layer}
          type="button"
          className="cmap-toggle"
          aria-pressed={visible.has(layer)}
          data-testid={`map-toggle-${layer}`}
          onClick={() => onToggle(layer)}
        >
          <i aria-hidden />
          {t(LAYER_LABELS[layer])}
        </button>
      ))}
      <button type="button" className="cmap-reset" data-testid="map-reset" onClick={onReset}>
        {t('map.resetView')}
      </button>
    </div>
  );
}

/** Says what the colours mean for the layers that are on, and nothing for those that are off. */
export function MapLegend({
  visible,
  kinds,
}: {
  visible: ReadonlySet<MapLayerId>;
  kinds: readonly SourceKind[] | null;
}) {
  const t = useT();
  const shownKinds = KINDS.filter((kind) => !kinds || kinds.includes(kind));
  const ramp = `linear-gradient(90deg, ${HEAT_RAMP.colors.map((c, i) => `${c} ${HEAT_RAMP.positions[i] * 100}%`).join(', ')})`;
  return (
    <div className="cmap-legend" data-testid="map-legend">
      {visible.has('events') || visible.has('clusters') ? (
        <div className="cmap-legend-row">
          {shownKinds.map((kind) => (
            <span key={kind} className="cmap-legend-item dot" style={{ ['--c' as string]: KIND_COLORS[kind] }}>
              <i />
              {t(kindKey(kind))}
            </span>
          ))}
        </div>
      ) : null}
      {visible.has('orders') ? (
        <div className="cmap-legend-row">
          {WARNINGS.map((warning) => (
            <span key={warning} className="cmap-legend-item tri" style={{ ['--c' as string]: WARNING_COLORS[warning] }}>
              <i />
              {t(`warning.${warning}`)}
            </span>
          ))}
        </div>
      ) : null}
      {visible.has('devices') ? (
        <div className="cmap-legend-row">
          {DEVICE_STATUSES.map((status) => (
            <span
              key={status}
              className="cmap-legend-item square"
              style={{ ['--c' as string]: DEVICE_STATUS_COLORS[status] }}
            >
              <i />
              {t(`deviceStatus.${status}`)}
            </span>
          ))}
        </div>
      ) : null}
      {visible.has('heat') ? (
        <div className="cmap-legend-row">
          <span className="cmap-legend-item">{t('map.layer.heat')}</span>
          <span className="cmap-legend-ramp" style={{ background: ramp }} />
        </div>
      ) : null}
    </div>
  );
}

/**
 * District name, live points and today's points. Its own component: it re-renders on live updates, the
 * map around it does not.
 */
export function MapBadge({
  districtName,
  kinds,
  today,
}: {
  districtName?: string;
  kinds: readonly SourceKind[] | null;
  today: TodayPoints | null;
}) {
  const t = useT();
  const live = useLive(['events'], (state) => state.events);
  let count = 0;
  for (const event of live) if (isMappable(event, kinds)) count++;
  return (
    <div className="cmap-badge" data-map-decor>
      <span>{districtName ?? ''}</span>
      <b>{t('map.points')}</b>
      <em data-testid="map-point-count">{Math.min(count, MAX_EVENTS)}</em>
      {today ? (
        <>
          <b>{t('map.todayPoints')}</b>
          <em data-testid="map-today-count">{today.total}</em>
        </>
      ) : null}
    </div>
  );
}
