import { WALL_THEMES, type WallTheme } from './wall-themes';

/**
 * What an unattended display is told through its URL (it has no keyboard and nobody logs in):
 *   ?token=…                       a read-only wall token, sent to every API call and live subscription
 *   ?playlist=home,hotline&interval=60   themes to rotate through, seconds per theme (≥ 5)
 *   ?sound=0                       no alert tone            ?lang=en   English labels
 */
export interface WallParams {
  token: string | undefined;
  playlist: WallTheme[];
  intervalSeconds: number;
  sound: boolean;
}

export const DEFAULT_INTERVAL_SECONDS = 60;
export const MIN_INTERVAL_SECONDS = 5;
const MAX_INTERVAL_SECONDS = 24 * 3600;

export function parseWallParams(search: string): WallParams {
  const params = new URLSearchParams(search);
  const token = params.get('token')?.trim() || undefined;
  const playlist = (params.get('playlist') ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name): name is WallTheme => (WALL_THEMES as readonly string[]).includes(name));
  const interval = Number(params.get('interval'));
  return {
    token,
    playlist,
    intervalSeconds:
      Number.isFinite(interval) && interval > 0
        ? Math.min(MAX_INTERVAL_SECONDS, Math.max(MIN_INTERVAL_SECONDS, Math.round(interval)))
        : DEFAULT_INTERVAL_SECONDS,
    sound: params.get('sound') !== '0',
  };
}

let cached: { search: string; params: WallParams } | null = null;

/** The page's wall parameters (read once per URL; the URL of a wall does not change while it runs). */
export function wallParams(): WallParams {
  const search = typeof window === 'undefined' ? '' : window.location.search;
  if (!cached || cached.search !== search) cached = { search, params: parseWallParams(search) };
  return cached.params;
}

/** Headers for the command API: the wall token as a bearer token when the URL carried one. */
export function apiHeaders(): Record<string, string> {
  const { token } = wallParams();
  return token ? { accept: 'application/json', authorization: `Bearer ${token}` } : { accept: 'application/json' };
}
