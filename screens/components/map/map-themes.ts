import type { SourceKind } from '@zhongshu/stream/contracts';
import type { MessageKey } from '../../lib/messages';

/** Which wall a map sits on; it chooses the layers shown at first and which sources the event layers show. */
export const MAP_THEMES = ['home', 'hotline', 'urban', 'grid', 'safety', 'approvals', 'devices'] as const;
export type MapTheme = (typeof MAP_THEMES)[number];

/** Layers a viewer can switch. The district boundary is always drawn: it is the map. */
export const MAP_LAYERS = ['towns', 'grids', 'events', 'heat', 'clusters', 'orders', 'devices'] as const;
export type MapLayerId = (typeof MAP_LAYERS)[number];

export const LAYER_LABELS: Record<MapLayerId, MessageKey> = {
  towns: 'map.layer.towns',
  grids: 'map.layer.grids',
  events: 'map.layer.events',
  heat: 'map.layer.heat',
  clusters: 'map.layer.clusters',
  orders: 'map.layer.orders',
  devices: 'map.layer.devices',
};

interface ThemeConfig {
  layers: readonly MapLayerId[];
  /** Source kinds the event, heatmap, cluster and order layers show; null: every kind. */
  kinds: readonly SourceKind[] | null;
}

export const THEME_CONFIG: Record<MapTheme, ThemeConfig> = {
  home: { layers: ['towns', 'events', 'heat', 'orders'], kinds: null },
  hotline: { layers: ['towns', 'events', 'heat', 'orders'], kinds: ['hotline'] },
  urban: { layers: ['towns', 'grids', 'events', 'heat', 'orders'], kinds: ['urban'] },
  grid: { layers: ['towns', 'grids', 'clusters', 'orders'], kinds: null },
  safety: { layers: ['towns', 'events', 'clusters', 'devices'], kinds: ['safety'] },
  approvals: { layers: ['towns', 'events', 'orders'], kinds: ['approval', 'hall'] },
  devices: { layers: ['towns', 'devices', 'events'], kinds: ['device'] },
};
