'use client';

import { useT } from '../../lib/locale';
import { wallParams } from '../../lib/wall-params';
import type { WallTheme } from '../../lib/wall-themes';
import { CityMap } from '../map/city-map';
import { Panel } from './panel';

/**
 * The theme's map (components/map, built by the map's owner). A new theme gets a new map: each theme
 * chooses its own layers and sources when the map is created.
 */
export function MapPanel({ theme }: { theme: WallTheme }) {
  const t = useT();
  return (
    <Panel title={t('map.title')} className="map-panel" testId="map-panel">
      <div className="map-slot">
        <CityMap key={theme} theme={theme} token={wallParams().token} />
      </div>
    </Panel>
  );
}
