'use client';

import { useCallback, useEffect, useState } from 'react';
import { cityClock } from '../../lib/city-time';
// Side effect: starts the first KPI request while the page is still hydrating.
import '../../lib/kpi-prefetch';
import { liveStore } from '../../lib/live-store';
import { useT } from '../../lib/locale';
import { useCity } from '../../lib/wall-api';
import { parseWallParams, type WallParams } from '../../lib/wall-params';
import { THEME_TITLES, type WallTheme } from '../../lib/wall-themes';
import { useLive } from '../../lib/use-live';
import { useThemeKpis } from '../../lib/use-theme-kpis';
import { AlertBanner } from './alert-banner';
import { CityZoneContext } from './city-zone';
import { DrillContext, type DrillRequest } from './drill-context';
import { DrillPanel } from './drill-panel';
import { MapGateContext } from './map-panel';
import { ScaledCanvas, useCanvasSize } from './scaled-canvas';
import { StaleOverlay } from './stale-overlay';
import { ThemeBody } from './themes/theme-body';
import { WallHeader, type PlaylistState } from './wall-header';
import './wall.css';
import './wall-themes.css';

/** Until the city answers: the demo city's zone (the wall re-renders in the right one a moment later). */
const FALLBACK_TIME_ZONE = 'Asia/Shanghai';

/** The city's calendar day, as state that changes only at the city's midnight. */
function useCityDay(timeZone: string): string | null {
  const [day, setDay] = useState<string | null>(null);
  useEffect(() => {
    const check = () => setDay(cityClock(Date.now(), timeZone).day);
    check();
    const timer = setInterval(check, 1000);
    return () => clearInterval(timer);
  }, [timeZone]);
  return day;
}

/** The clock, ticking once a second; only the header reads it, so only the header re-renders. */
function useTick(): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      const at = Date.now();
      setNow(at);
      timer = setTimeout(tick, 1000 - (at % 1000) + 5);
    };
    tick();
    return () => clearTimeout(timer);
  }, []);
  return now;
}

/** The map waits for the first numbers (or at most MAP_WAIT_MS), then stays open for the page's life. */
const MAP_WAIT_MS = 2000;
function useMapGate(numbersShown: boolean): boolean {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (open) return;
    if (numbersShown) {
      // One frame for the numbers to reach the screen before the map's heavy first frame.
      const frame = requestAnimationFrame(() => setOpen(true));
      return () => cancelAnimationFrame(frame);
    }
    const timer = setTimeout(() => setOpen(true), MAP_WAIT_MS);
    return () => clearTimeout(timer);
  }, [numbersShown, open]);
  return open;
}

function usePlaylist(params: WallParams | null, paused: boolean): PlaylistState | null {
  const [state, setState] = useState<{ index: number; cycle: number }>({ index: 0, cycle: 0 });
  const themes = params?.playlist ?? [];
  const interval = params?.intervalSeconds ?? 0;
  useEffect(() => {
    if (themes.length < 2 || paused) return;
    const timer = setTimeout(
      () => setState((s) => ({ index: (s.index + 1) % themes.length, cycle: s.cycle + 1 })),
      interval * 1000,
    );
    return () => clearTimeout(timer);
  }, [themes.length, interval, paused, state]);
  if (themes.length === 0 || !params) return null;
  return { themes, index: state.index % themes.length, intervalSeconds: interval, cycle: state.cycle };
}

/**
 * One wall page. `theme` is the route's; `?playlist=` rotates themes inside the page (the socket,
 * the city and the canvas stay; only the theme's panels and map change).
 */
export function WallApp({ theme: routeTheme }: { theme: WallTheme }) {
  // Query parameters exist only in the browser: read after mount so the static HTML hydrates cleanly.
  const [params, setParams] = useState<WallParams | null>(null);
  useEffect(() => setParams(parseWallParams(window.location.search)), []);
  const [drill, setDrill] = useState<DrillRequest | null>(null);
  const playlist = usePlaylist(params, drill !== null);
  const theme = playlist ? (playlist.themes[playlist.index] ?? routeTheme) : routeTheme;
  const openDrill = useCallback((request: DrillRequest) => setDrill(request), []);
  const city = useCity();
  const timeZone = city?.timeZone ?? FALLBACK_TIME_ZONE;
  const closeDrill = useCallback(() => setDrill(null), []);

  useEffect(() => {
    // Keep the socket for the whole life of the page, whatever panels come and go.
    const releases = (['events', 'kpis'] as const).map((channel) => liveStore().retain(channel));
    return () => releases.forEach((release) => release());
  }, []);

  return (
    <CityZoneContext.Provider value={timeZone}>
      <DrillContext.Provider value={openDrill}>
        <ScaledCanvas>
          <WallFrame theme={theme} playlist={playlist} timeZone={timeZone} />
          {drill ? <DrillPanel request={drill} onClose={closeDrill} /> : null}
        </ScaledCanvas>
      </DrillContext.Provider>
    </CityZoneContext.Provider>
  );
}

function WallFrame({
  theme,
  playlist,
  timeZone,
}: {
  theme: WallTheme;
  playlist: PlaylistState | null;
  timeZone: string;
}) {
  const t = useT();
  const { wide } = useCanvasSize();
  const day = useCityDay(timeZone);
  const now = useTick();
  const kpis = useThemeKpis(theme, day);
  const offline = useLive(['events'], (s) => s.connection === 'offline');
  const mapOpen = useMapGate(kpis.data !== null);

  useEffect(() => {
    document.title = `${t(THEME_TITLES[theme])} · ${t('wall.title')}`;
  }, [t, theme]);

  return (
    <div
      className={`wall theme-${theme}${wide ? ' wide' : ''}${offline ? ' stale' : ''}`}
      data-testid="wall"
      data-theme={theme}
      data-kpi-state={kpis.data ? (kpis.error ? 'stale' : 'ok') : kpis.error ? 'failed' : 'loading'}
    >
      <WallHeader theme={theme} now={now} timeZone={timeZone} dataDay={kpis.data?.day ?? null} playlist={playlist} />
      <MapGateContext.Provider value={mapOpen}>
        <ThemeBody theme={theme} data={kpis.data} timeZone={timeZone} />
      </MapGateContext.Provider>
      <StaleOverlay timeZone={timeZone} kpiError={kpis.error} fetchedAt={kpis.fetchedAt} />
      <AlertBanner />
    </div>
  );
}
