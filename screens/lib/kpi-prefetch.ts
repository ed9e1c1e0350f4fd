'use client';

import type { ThemeKpis } from './kpi-types';
import { parseWallParams } from './wall-params';
import { WALL_THEMES, type WallTheme } from './wall-themes';
import { wallGet } from './wall-api';

/**
 * The first answer a wall needs, asked for while the page's code is still starting: this module is
 * evaluated when the chunks load, well before React has hydrated the page (on a busy wall PC, seconds
 * before). `useThemeKpis` takes it for its first request; later requests go out as usual.
 */
let prefetched: { theme: WallTheme; answer: Promise<ThemeKpis> } | null = null;

function routeTheme(pathname: string): WallTheme {
  const name = pathname.replace(/^\/wall\/?/, '').replace(/\/$/, '');
  return (WALL_THEMES as readonly string[]).includes(name) ? (name as WallTheme) : 'home';
}

if (typeof window !== 'undefined' && window.location.pathname.startsWith('/wall')) {
  const { playlist } = parseWallParams(window.location.search);
  const theme = playlist[0] ?? routeTheme(window.location.pathname);
  const answer = wallGet<ThemeKpis>(`/api/v1/kpis/${theme}`);
  answer.catch(() => undefined);
  prefetched = { theme, answer };
}

/** The prefetched answer for `theme`, once; null when there is none (or it was taken). */
export function takePrefetched(theme: WallTheme): Promise<ThemeKpis> | null {
  if (!prefetched || prefetched.theme !== theme) return null;
  const { answer } = prefetched;
  prefetched = null;
  return answer;
}
