'use client';

import { createContext, useContext } from 'react';
import { useT } from '../../lib/locale';
import { wallParams } from '../../lib/wall-params';
import type { WallTheme } from '../../lib/wall-themes';
import { CityMap } from '../map/city-map';
import { Panel } from './panel';

/**
 * Whether the map may start. Building the WebGL scene is seconds of main-thread work on a wall PC without a
 * GPU; the wall lets its numbers paint first (first meaningful paint), then starts the map.
 */
export const MapGateContext = createContext(true);

/**
 * The theme's map (components/map, built by the map's owner). A new theme gets a new map: each theme
 * chooses its own layers and sources when the map is created.
 */
export function MapPanel({ theme }: { theme: WallTheme }) {
  const t = useT();
  const open = useContext(MapGateContext);
  return (
    <Panel title={t('map.title')} className="map-panel" testId="map-panel">
      <div className="map-slot">{open ? <CityMap key={theme} theme={theme} token={wallParams().token} /> : null}</div>
    </Panel>
  );
}
