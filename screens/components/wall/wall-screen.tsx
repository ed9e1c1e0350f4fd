'use client';

import { API, usePolled, type Overview } from '../../lib/api';
import { useLiveTrend } from '../../lib/use-live-trend';
import { DistrictMap } from './district-map';
import { KpiPanel } from './kpi-panel';
import { LiveFeed } from './live-feed';
import { ScaledCanvas } from './scaled-canvas';
import { TrendChart } from './trend-chart';
import { WallHeader } from './wall-header';
import './wall.css';

const TREND_MINUTES = 60;
const TREND_REFRESH_MS = 30_000;

/** The commander's wall: header, KPI tiles, district map, live feed and the per-minute trend. */
export function WallScreen() {
  const overview = useLiveTrend(usePolled<Overview>(API.overview(TREND_MINUTES), TREND_REFRESH_MS).data);
  return (
    <ScaledCanvas>
      <div className="wall" data-testid="wall">
        <WallHeader />
        <main className="wall-body">
          <div className="wall-col left">
            <KpiPanel overview={overview} />
          </div>
          <div className="wall-col centre">
            <DistrictMap />
            <TrendChart overview={overview} />
          </div>
          <div className="wall-col right">
            <LiveFeed />
          </div>
        </main>
      </div>
    </ScaledCanvas>
  );
}
