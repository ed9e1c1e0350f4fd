import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { EVENT_TYPES } from '@zhongshu/stream';
import { postEvents } from './support/events';
import {
  THEMES,
  demoWallToken,
  cityEventNow,
  launchChromium,
  litShareOfMap,
  oneOfEach,
  openWallPage,
  statValue,
  themePath,
  until,
  type Theme,
  type WallPage,
} from './support/wall-page';
import { startZhongshu, type ZhongshuProcess } from './support/zhongshu-process';

/** The headline number of each theme, read to check it shows live data from the API. */
const HEADLINE: Record<Theme, string> = {
  home: 'total',
  hotline: 'total',
  urban: 'total',
  grid: 'total',
  safety: 'total',
  approvals: 'accepted',
  devices: 'onlineRate',
};

const RESOLUTIONS = [
  { name: '1920×1080', width: 1920, height: 1080 },
  { name: '3840×2160', width: 3840, height: 2160 },
] as const;

describe('the wall’s seven themes in real Chromium against the real server', () => {
  let zs: ZhongshuProcess;
  let browser: Browser;

  beforeAll(async () => {
    zs = await startZhongshu({ env: { SIMULATE: '0', MQTT_PORT: '0' } });
    browser = await launchChromium();
    // Something for every theme to show: one event of each type.
    const { status } = await postEvents(zs.url, oneOfEach());
    expect(status).toBe(200);
  });

  afterAll(async () => {
    await browser?.close();
    await zs?.stop();
  });

  describe.each(RESOLUTIONS)('at $name', ({ width, height }) => {
    let wall: WallPage;
    beforeAll(async () => {
      wall = await openWallPage(browser, zs.url, { width, height });
    });
    afterAll(async () => {
      await wall?.context.close();
    });

    it.each(THEMES)('%s: live data, a drawn map, no console errors', async (theme) => {
      const { page } = wall;
      wall.errors.length = 0;
      await page.goto(`${zs.url}${themePath(theme)}`, { waitUntil: 'load' });
      await page
        .locator(`[data-testid="wall"][data-theme="${theme}"][data-kpi-state="ok"]`)
        .waitFor({ timeout: 30_000 });
      await page.locator('[data-testid="connection"][data-state="online"]').waitFor({ timeout: 30_000 });
      const headline = await until(
        () => statValue(page, HEADLINE[theme]),
        (v) => v !== null && v > 0,
        15_000,
        'the headline number',
      );
      expect(headline).toBeGreaterThan(0);
      // The canvas is scaled to fit: a 4K wall shows the 1920×1080 design at twice the size, not a corner of it.
      const box = await page.locator('[data-testid="wall-canvas"]').boundingBox();
      expect(box?.width).toBeCloseTo(width, -1);
      const lit = await until(
        () => litShareOfMap(page),
        (share) => share > 0.01,
        90_000,
        `the ${theme} map to draw`,
      );
      expect(lit).toBeGreaterThan(0.01);
      expect(await page.locator('[data-testid="wall-theme-title"]').getAttribute('data-theme')).toBe(theme);
      expect(wall.errors).toEqual([]);
      expect(wall.offOrigin).toEqual([]);
    });
  });

  it('lays a 7680×2160 拼接屏 out on the double-width canvas, map drawn, no console errors', async () => {
    const wall = await openWallPage(browser, zs.url, { width: 7680, height: 2160 });
    try {
      const { page } = wall;
      await page.goto(`${zs.url}/wall/`, { waitUntil: 'load' });
      const canvas = page.locator('[data-testid="wall-canvas"]');
      await canvas.waitFor();
      expect(await canvas.getAttribute('data-wide')).toBe('true');
      const box = await canvas.boundingBox();
      // 3840×1080 at ×2 fills the whole strip: no letterbox bars.
      expect(box?.width).toBeCloseTo(7680, -1);
      expect(box?.height).toBeCloseTo(2160, -1);
      expect(await page.locator('.wall-body .wall-col.side').count()).toBe(4);
      await page.locator('[data-testid="wall"][data-kpi-state="ok"]').waitFor({ timeout: 30_000 });
      const lit = await until(
        () => litShareOfMap(page),
        (share) => share > 0.01,
        120_000,
        'the 8K map to draw',
      );
      expect(lit).toBeGreaterThan(0.01);
      expect(wall.errors).toEqual([]);
    } finally {
      await wall.context.close();
    }
  });

  describe('live behaviour at 1920×1080', () => {
    let wall: WallPage;
    beforeAll(async () => {
      wall = await openWallPage(browser, zs.url, { width: 1920, height: 1080 });
    });
    afterAll(async () => {
      await wall?.context.close();
    });

    it('moves the numbers, the feed and the map points when an event is posted to the API', async () => {
      const { page } = wall;
      wall.errors.length = 0;
      await page.goto(`${zs.url}/wall/hotline/`, { waitUntil: 'load' });
      await page.locator('[data-testid="connection"][data-state="online"]').waitFor({ timeout: 30_000 });
      const before = await until(
        () => statValue(page, 'total'),
        (v) => v !== null,
        20_000,
        'the 12345 total',
      );
      const points = page.locator('[data-testid="map-point-count"]');
      await points.waitFor({ timeout: 30_000 });
      const pointsBefore = Number(await points.textContent());

      const title = `长滨路路灯不亮（墙面测试 ${Date.now() % 100000}）`;
      const ticket = cityEventNow(EVENT_TYPES.hotlineTicket, { title, channel: 'wechat' }, { severity: 'major' });
      expect((await postEvents(zs.url, [ticket])).status).toBe(200);

      await until(
        () => statValue(page, 'total'),
        (v) => v === before! + 1,
        10_000,
        'the 12345 total to count it',
      );
      await page
        .locator('[data-testid="live-feed"] li', { hasText: title })
        .waitFor({ state: 'visible', timeout: 10_000 });
      await until(
        async () => Number(await points.textContent()),
        (n) => n > pointsBefore,
        10_000,
        'a new map point',
      );
      const wechat = page.locator('[data-testid="bars-channels"] [data-key="wechat"]');
      expect(Number(await wechat.getAttribute('data-value'))).toBeGreaterThanOrEqual(1);
      expect(await page.locator('[data-testid="freshness"]').getAttribute('data-state')).toBe('ok');
      expect(wall.errors).toEqual([]);
    });

    it('drills into a number: the panel lists exactly what makes it up', async () => {
      const { page } = wall;
      const total = await statValue(page, 'total');
      await page.locator('[data-testid="stat-total"]').click();
      const panel = page.locator('[data-testid="drill-panel"][data-state="ready"]');
      await panel.waitFor({ timeout: 10_000 });
      expect(Number(await page.locator('[data-testid="drill-total"]').getAttribute('data-value'))).toBe(total);
      expect(await page.locator('[data-testid="drill-items"] li').count()).toBe(total);
      await page.locator('[data-testid="drill-close"]').click();
      await panel.waitFor({ state: 'detached' });

      // A bar of a breakdown drills into its item.
      await page.locator('[data-testid="bars-channels"] [data-key="wechat"]').click();
      await panel.waitFor({ timeout: 10_000 });
      const items = await page.locator('[data-testid="drill-items"] li').count();
      expect(items).toBeGreaterThanOrEqual(1);
      await page.keyboard.press('Escape');
      await panel.waitFor({ state: 'detached' });
    });

    it('says why a KPI has no number instead of showing a made-up one', async () => {
      const { page } = wall;
      // No work order of this month is closed yet: the on-time rate has no sample, so no number.
      const onTime = page.locator('[data-testid="stat-onTimeRate"]');
      expect(await onTime.locator('.stat-value').getAttribute('data-value')).toBe('');
      expect(await onTime.textContent()).toMatch(/暂无样本/);
      await page.goto(`${zs.url}/wall/safety/`, { waitUntil: 'load' });
      const resources = page.locator('[data-testid="panel-resources"] [data-testid="kpi-unavailable"]');
      await resources.waitFor({ timeout: 30_000 });
      expect(await resources.getAttribute('data-reason')).toBe('EMERGENCY_RESOURCES_NOT_CONNECTED');
      expect(await resources.textContent()).toMatch(/应急资源/);
      await page.goto(`${zs.url}/wall/hotline/`, { waitUntil: 'load' });
      await page.locator('[data-testid="connection"][data-state="online"]').waitFor({ timeout: 30_000 });
    });

    it('raises a banner with a tone for a critical event', async () => {
      const { page } = wall;
      const alarm = cityEventNow(
        EVENT_TYPES.safetyAlarm,
        { alarmId: `GJ-crit-${Date.now()}`, level: 4, description: '永庄路商铺燃气泄漏报警（墙面测试）' },
        { severity: 'critical' },
      );
      expect((await postEvents(zs.url, [alarm])).status).toBe(200);
      const banner = page.locator(`[data-testid="alert-banner"][data-event-id="${alarm.id}"]`);
      await banner.waitFor({ state: 'visible', timeout: 10_000 });
      expect(await banner.getAttribute('data-level')).toBe('critical');
      expect(await banner.textContent()).toContain('燃气泄漏');
      await until(
        () => banner.getAttribute('data-sound'),
        (s) => s === 'played',
        5000,
        'the alert tone',
      );
    });

    it('sends the wall token from the URL with every API call and live subscription', async () => {
      const { page } = wall;
      wall.errors.length = 0;
      const token = await demoWallToken(zs);
      const authorizations: string[] = [];
      const frames: string[] = [];
      const onRequest = (request: { url(): string; headers(): Record<string, string> }) => {
        // The page navigated to (the previous one may still send a request as it unloads).
        if (request.url().includes('/api/v1/kpis/urban')) authorizations.push(request.headers().authorization ?? '');
      };
      page.on('request', onRequest);
      page.on('websocket', (socket) => socket.on('framesent', (frame) => frames.push(String(frame.payload))));
      await page.goto(`${zs.url}/wall/urban/?token=${token}`, { waitUntil: 'load' });
      await page.locator('[data-testid="wall"][data-kpi-state="ok"]').waitFor({ timeout: 30_000 });
      await until(
        async () => frames.filter((f) => f.includes('"subscribe"')).length,
        (n) => n >= 2,
        10_000,
        'subscriptions',
      );
      page.off('request', onRequest);
      expect(authorizations.length).toBeGreaterThan(0);
      expect(new Set(authorizations)).toEqual(new Set([`Bearer ${token}`]));
      for (const frame of frames.filter((f) => f.includes('"subscribe"'))) expect(frame).toContain(token);
      // Moving to another theme keeps the token.
      expect(await page.locator('[data-testid="tab-grid"]').getAttribute('href')).toContain(`token=${token}`);
      expect(wall.errors).toEqual([]);
    });

    it('rotates a playlist of themes in one page', async () => {
      const { page } = wall;
      wall.errors.length = 0;
      await page.goto(`${zs.url}/wall/?playlist=hotline,safety&interval=5`, { waitUntil: 'load' });
      const wallTheme = () => page.locator('[data-testid="wall"]').getAttribute('data-theme');
      await until(wallTheme, (theme) => theme === 'hotline', 10_000, 'the first theme of the playlist');
      await until(wallTheme, (theme) => theme === 'safety', 12_000, 'the playlist to move on');
      await until(wallTheme, (theme) => theme === 'hotline', 12_000, 'the playlist to come round');
      expect(await page.locator('[data-testid="playlist"]').getAttribute('data-index')).toBe('0');
      await page.locator('[data-testid="wall"][data-kpi-state="ok"]').waitFor({ timeout: 15_000 });
      expect(wall.errors).toEqual([]);
    });
  });
});
