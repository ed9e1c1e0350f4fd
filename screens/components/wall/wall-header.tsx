'use client';

import { useMemo } from 'react';
import { cityClock } from '../../lib/city-time';
import { useLocale, useT } from '../../lib/locale';
import { LOCALE_TAGS } from '../../lib/messages';
import { useLive } from '../../lib/use-live';
import { THEME_PATHS, THEME_TITLES, WALL_THEMES, type WallTheme } from '../../lib/wall-themes';

/** Freshness thresholds for the newest event's age: beyond them the indicator turns amber, then red. */
const STALE_AMBER_MS = 60_000;
const STALE_RED_MS = 300_000;

export interface PlaylistState {
  themes: readonly WallTheme[];
  index: number;
  intervalSeconds: number;
  /** Changes at every switch, restarting the progress bar. */
  cycle: number;
}

interface WallHeaderProps {
  theme: WallTheme;
  now: number | null;
  timeZone: string;
  /** The day the KPIs on screen are for (from the API); null before the first answer. */
  dataDay: string | null;
  playlist: PlaylistState | null;
}

/** Keeps the wall's own query parameters (token, language, sound) when moving to another theme. */
function themeHref(theme: WallTheme): string {
  if (typeof window === 'undefined') return THEME_PATHS[theme];
  const params = new URLSearchParams(window.location.search);
  params.delete('playlist');
  params.delete('interval');
  const query = params.toString();
  return `${THEME_PATHS[theme]}${query ? `?${query}` : ''}`;
}

export function WallHeader({ theme, now, timeZone, dataDay, playlist }: WallHeaderProps) {
  const t = useT();
  const locale = useLocale();
  const connection = useLive(['events'], (s) => s.connection);
  const newest = useLive(['events'], (s) => s.newestEventAt);
  const tag = LOCALE_TAGS[locale];
  const dateFormat = useMemo(
    () => new Intl.DateTimeFormat(tag, { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }),
    [tag, timeZone],
  );
  const weekdayFormat = useMemo(() => new Intl.DateTimeFormat(tag, { timeZone, weekday: 'long' }), [tag, timeZone]);
  const clock = now === null ? null : cityClock(now, timeZone);

  let freshness: 'none' | 'ok' | 'amber' | 'red' = 'none';
  let age = t('freshness.none');
  if (newest !== null && now !== null) {
    const ms = Math.max(0, now - newest);
    freshness = ms < STALE_AMBER_MS ? 'ok' : ms < STALE_RED_MS ? 'amber' : 'red';
    const s = Math.floor(ms / 1000);
    age =
      s < 3
        ? t('freshness.justNow')
        : s < 60
          ? t('freshness.seconds', { n: s })
          : s < 3600
            ? t('freshness.minutes', { n: Math.floor(s / 60) })
            : t('freshness.hours', { n: Math.floor(s / 3600) });
  }
  const dayStale = dataDay !== null && clock !== null && dataDay !== clock.day;
  const half = Math.ceil(WALL_THEMES.length / 2);

  return (
    <header className="wall-header">
      <div className="wall-header-side left">
        <div className="clock" data-testid="wall-clock" data-day={clock?.day ?? ''}>
          <span className="clock-time">{clock?.time ?? '--:--:--'}</span>
          <span className="clock-date">
            <span>{now === null ? '' : dateFormat.format(now)}</span>
            <span>{now === null ? '' : weekdayFormat.format(now)}</span>
          </span>
        </div>
        <Tabs themes={WALL_THEMES.slice(0, half)} current={theme} />
      </div>
      <div className="wall-title-plate">
        <h1 className="wall-title">{t('wall.title')}</h1>
        <div className="wall-subtitle" data-testid="wall-theme-title" data-theme={theme}>
          {t(THEME_TITLES[theme])}
        </div>
      </div>
      <div className="wall-header-side right">
        <div className="wall-status-row">
          <div
            className={`dayflag${dayStale ? ' stale' : ''}`}
            data-testid="kpi-day"
            data-day={dataDay ?? ''}
            data-stale={dayStale ? 'true' : 'false'}
          >
            {dayStale ? t('wall.staleDay') : dataDay ? t('wall.day', { day: dataDay }) : ''}
          </div>
          <div className={`freshness ${freshness}`} data-testid="freshness" data-state={freshness}>
            <span className="freshness-dot" />
            <span className="freshness-label">{t('freshness.label')}</span>
            <span className="freshness-age">{age}</span>
          </div>
          <div className={`connection ${connection}`} data-testid="connection" data-state={connection} role="status">
            <span className="connection-dot" />
            {t(connection === 'online' ? 'live.online' : connection === 'offline' ? 'live.offline' : 'live.connecting')}
          </div>
        </div>
        <div className="wall-tabs-row">
          <Tabs themes={WALL_THEMES.slice(half)} current={theme} />
          {playlist ? <PlaylistIndicator playlist={playlist} /> : null}
        </div>
      </div>
    </header>
  );
}

function Tabs({ themes, current }: { themes: readonly WallTheme[]; current: WallTheme }) {
  const t = useT();
  return (
    <nav className="wall-tabs" aria-label={t('wall.nav')}>
      {themes.map((theme) => (
        <a
          key={theme}
          href={themeHref(theme)}
          className={`wall-tab${theme === current ? ' current' : ''}`}
          data-testid={`tab-${theme}`}
          aria-current={theme === current ? 'page' : undefined}
        >
          {t(`themeShort.${theme}`)}
        </a>
      ))}
    </nav>
  );
}

function PlaylistIndicator({ playlist }: { playlist: PlaylistState }) {
  const t = useT();
  return (
    <div
      className="playlist"
      data-testid="playlist"
      data-index={playlist.index}
      data-theme={playlist.themes[playlist.index]}
    >
      <span>
        {t('playlist.label')} {playlist.index + 1}/{playlist.themes.length}
      </span>
      <i className="playlist-track">
        <b key={playlist.cycle} style={{ animationDuration: `${playlist.intervalSeconds}s` }} />
      </i>
    </div>
  );
}
