import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { EVENT_TYPES } from '@zhongshu/stream';
import { postEvents } from './support/events';
import {
  cityEventNow,
  launchChromium,
  oneOfEach,
  openWallPage,
  statValue,
  until,
  type WallPage,
} from './support/wall-page';
import { freePort, startZhongshu, type ZhongshuProcess } from './support/zhongshu-process';

/** A wall runs for months: through server restarts and midnights, with nobody at the keyboard. */
describe('a wall left running: server restart, midnight', () => {
  let zs: ZhongshuProcess;
  let port: number;
  let browser: Browser;
  let wall: WallPage;
  const env = { SIMULATE: '0', MQTT_PORT: '0' };

  beforeAll(async () => {
    port = await freePort();
    zs = await startZhongshu({ env, port });
    browser = await launchChromium();
    expect((await postEvents(zs.url, oneOfEach())).status).toBe(200);
  });

  afterAll(async () => {
    await wall?.context.close();
    await browser?.close();
    await zs?.stop();
  });

  it('keeps updating through a server restart on the same data and port, without a reload', async () => {
    wall = await openWallPage(browser, zs.url, { width: 1920, height: 1080 });
    const { page } = wall;
    await page.goto(`${zs.url}/wall/hotline/`, { waitUntil: 'load' });
    await page.locator('[data-testid="connection"][data-state="online"]').waitFor({ timeout: 30_000 });
    const before = await until(
      () => statValue(page, 'total'),
      (v) => v !== null && v > 0,
      20_000,
      'the total',
    );
    // Marks this document: a reload would lose it.
    await page.evaluate(() => {
      (window as unknown as { __sameDocument: boolean }).__sameDocument = true;
    });

    const dataDir = zs.dataDir;
    await zs.stop();
    // The wall says the feed is down, and since when, instead of freezing silently.
    await page.locator('[data-testid="feed-down"]').waitFor({ state: 'visible', timeout: 20_000 });
    expect(await page.locator('[data-testid="connection"]').getAttribute('data-state')).toBe('offline');
    expect(await page.locator('[data-testid="wall"]').getAttribute('class')).toContain('stale');

    zs = await startZhongshu({ env, port, dataDir });
    await page.locator('[data-testid="connection"][data-state="online"]').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="feed-down"]').waitFor({ state: 'detached', timeout: 10_000 });

    const title = `重启后的工单（墙面测试 ${Date.now() % 100000}）`;
    const ticket = cityEventNow(EVENT_TYPES.hotlineTicket, { title });
    expect((await postEvents(zs.url, [ticket])).status).toBe(200);
    await until(
      () => statValue(page, 'total'),
      (v) => v === before! + 1,
      15_000,
      'the total to count the new ticket',
    );
    await page
      .locator('[data-testid="live-feed"] li', { hasText: title })
      .waitFor({ state: 'visible', timeout: 10_000 });
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    // While the server is away the browser logs its failed requests (refused while it is down, reset when it
    // went away mid-request, 503 while it starts); anything else on the console is the wall's fault.
    const errors = wall.errors.filter(
      (error) => !/ERR_CONNECTION_REFUSED|ERR_CONNECTION_RESET|ERR_EMPTY_RESPONSE|status of 50\d/.test(error),
    );
    expect(errors).toEqual([]);
  });

  it('shows the city’s clock, and at the city’s midnight asks for the new day instead of keeping yesterday', async () => {
    const today = (await (await fetch(`${zs.url}/api/v1/kpis/home`)).json()) as { day: string };
    // The display's own zone is New York; the wall must still run on Haikou time.
    const context = await browser.newContext({
      viewport: { width: 1920, height: 1080 },
      timezoneId: 'America/New_York',
    });
    try {
      const page = await context.newPage();
      await page.clock.install({ time: new Date(`${today.day}T23:59:50+08:00`) });
      const kpiRequests: number[] = [];
      page.on('request', (request) => {
        if (request.url().includes('/api/v1/kpis/home')) kpiRequests.push(Date.now());
      });
      await page.goto(`${zs.url}/wall/`, { waitUntil: 'load' });
      await page.locator('[data-testid="wall"][data-kpi-state="ok"]').waitFor({ timeout: 30_000 });
      const clock = page.locator('[data-testid="wall-clock"]');
      expect(await clock.getAttribute('data-day')).toBe(today.day);
      expect(await page.locator('.clock-time').textContent()).toMatch(/^23:59:5\d$/);
      expect(await page.locator('[data-testid="kpi-day"]').getAttribute('data-stale')).toBe('false');

      const requestsBefore = kpiRequests.length;
      await page.clock.fastForward(15_000);
      const tomorrow = new Date(Date.parse(`${today.day}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      await until(
        () => clock.getAttribute('data-day'),
        (day) => day === tomorrow,
        10_000,
        'the clock to roll over',
      );
      // The wall asked for "today" again at once; the server (on the real clock) still answers for its day,
      // so the wall marks the numbers as the old day's rather than passing them off as the new day's.
      await until(
        async () => kpiRequests.length,
        (n) => n > requestsBefore,
        10_000,
        'a new KPI request',
      );
      await until(
        () => page.locator('[data-testid="kpi-day"]').getAttribute('data-stale'),
        (stale) => stale === 'true',
        10_000,
        'the day flag',
      );
      expect(await page.locator('[data-testid="kpi-day"]').textContent()).toMatch(/新的一天/);
    } finally {
      await context.close();
    }
  });
});
