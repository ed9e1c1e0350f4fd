import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { EVENT_TYPES, EXAMPLE_PAYLOADS } from '@zhongshu/stream';
import { hotlineTicket, postEvents } from './support/events';
import { startZhongshu, type ZhongshuProcess } from './support/zhongshu-process';

// Headless Chromium with WebGL on SwiftShader (CPU): what a CI box has instead of a GPU.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--no-first-run',
];
const SCREENSHOT = '/tmp/wall-1920.png';

async function until<T>(
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (!ok(last)) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last value: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
    last = await read();
  }
  return last;
}

/**
 * Share of lit pixels in the map's WebGL canvas. The canvas is transparent over a CSS backdrop and
 * DOM labels, so those are hidden for the shot: whatever is left that is not black was drawn by L7.
 */
async function litShareOfMap(page: Page): Promise<number> {
  const canvas = page.locator('[data-testid="map-canvas-host"] canvas').first();
  await canvas.waitFor({ state: 'attached', timeout: 60_000 });
  const style = await page.addStyleTag({
    content:
      '.map-backdrop,.map-labels,.map-overlay,.map-hot,.map-badge{visibility:hidden!important}.map-stage{background:#000!important}',
  });
  const png = await canvas.screenshot({ animations: 'disabled' });
  await style.evaluate((node) => {
    node.parentNode?.removeChild(node);
  });
  return page.evaluate(async (base64) => {
    const blob = await (await fetch(`data:image/png;base64,${base64}`)).blob();
    const bitmap = await createImageBitmap(blob);
    const surface = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = surface.getContext('2d');
    if (!context) return 0;
    context.drawImage(bitmap, 0, 0);
    const { data } = context.getImageData(0, 0, bitmap.width, bitmap.height);
    let lit = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] + data[i + 1] + data[i + 2] > 48) lit++;
    return lit / (bitmap.width * bitmap.height);
  }, png.toString('base64'));
}

const digits = (text: string | null) => Number((text ?? '').replace(/\D/g, '') || Number.NaN);

describe('/wall: the commander’s wall in a real browser against the real server', () => {
  let zs: ZhongshuProcess;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];
  const offOrigin: string[] = [];

  beforeAll(async () => {
    zs = await startZhongshu({ env: { SIMULATE: '0' } });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(`pageerror: ${error.message}`));
    page.on('request', (request) => {
      const url = request.url();
      if (/^(https?|wss?):/.test(url) && !url.startsWith(zs.url) && !url.startsWith(zs.url.replace('http', 'ws')))
        offOrigin.push(url);
    });
    await page.goto(`${zs.url}/wall`, { waitUntil: 'load' });
  });

  afterAll(async () => {
    await browser?.close();
    await zs?.stop();
  });

  it('draws the district map and goes live', async () => {
    await page.locator('[data-testid="connection"][data-state="online"]').waitFor({ timeout: 30_000 });
    const lit = await until(
      () => litShareOfMap(page),
      (share) => share > 0.02,
      90_000,
      'the map canvas to show the district',
    );
    expect(lit).toBeGreaterThan(0.02);
  });

  it('counts a posted hotline ticket on its tile and lists it in the live feed within seconds', async () => {
    const tile = page.locator('[data-testid="kpi-hotline-value"]');
    // Let the initial roll-up animation settle before taking the reading.
    const before = await until(
      async () => ({ shown: digits(await tile.textContent()), target: Number(await tile.getAttribute('data-value')) }),
      ({ shown, target }) => Number.isFinite(shown) && shown === target,
      20_000,
      'the hotline tile to settle',
    );

    const title = `长滨路路灯不亮（墙面测试 ${Date.now() % 100000}）`;
    const data = { ...EXAMPLE_PAYLOADS[EVENT_TYPES.hotlineTicket], title };
    const { status } = await postEvents(zs.url, [hotlineTicket({ severity: 'major', data })]);
    expect(status).toBe(200);
    const posted = Date.now();

    await until(
      async () => digits(await tile.textContent()),
      (shown) => shown === before.shown + 1,
      10_000,
      'the hotline tile to count the ticket',
    );
    const row = page.locator('[data-testid="live-feed"] li', { hasText: title });
    await row.waitFor({ state: 'visible', timeout: 10_000 });
    expect(Date.now() - posted).toBeLessThan(10_000);
    expect(await row.getAttribute('data-kind')).toBe('hotline');
    await expect(page.locator('[data-testid="freshness"]').getAttribute('data-state')).resolves.toBe('ok');

    // Let the arrival pulse and the tile roll finish, then keep a picture of the wall for people to look at.
    await page.waitForTimeout(1500);
    await page.screenshot({ path: SCREENSHOT });
  });

  it('logs no console errors and asks nothing of the internet', () => {
    expect(consoleErrors).toEqual([]);
    expect(offOrigin).toEqual([]);
  });
});
