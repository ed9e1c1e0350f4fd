import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { EVENT_TYPES, EXAMPLE_PAYLOADS, exampleEvent, type CityEventInput, type EventType } from '@zhongshu/stream';
import { demoPasswordOf, demoWallTokenOf } from './support/auth';
import { postEvents } from './support/events';
import { act, ApiCaller, type OrderView } from './support/work-orders-api';
import { launchChromium, litShareOfMap, openWallPage, until, type WallPage } from './support/wall-page';
import { startZhongshu, type ZhongshuProcess } from './support/zhongshu-process';

/**
 * The city map (screens/components/map) and the 3D view (screens/components/three) in real Chromium
 * against the real server, with 100,000 of today's events in the warehouse. Speed is measured in
 * `npm run bench` (test/bench/map.bench.mjs); here we assert what a viewer notices.
 */

const BULK = 100_000;
/** Four dense places; at the whole-district zoom each becomes one cluster. */
const HOTSPOTS: Array<[number, number]> = [
  [110.22, 20.01],
  [110.28, 19.99],
  [110.23, 19.85],
  [110.27, 19.76],
];
const BULK_TYPES: EventType[] = [
  EVENT_TYPES.hotlineTicket,
  EVENT_TYPES.urbanCase,
  EVENT_TYPES.safetyAlarm,
  EVENT_TYPES.approvalCase,
];
/** Where the test's work order is reported: away from the hotspots, the lonely event and the devices. */
const ORDER_AT: [number, number] = [110.33, 19.86];
/** A quiet spot in 长流镇, far from every hotspot: a live event here is alone under the cursor. */
const LONELY: [number, number] = [110.16, 19.98];
const DEVICES = [
  { id: 'MAP-CAM-1', at: [110.3, 19.95], status: 'fault' },
  { id: 'MAP-WL-2', at: [110.2, 19.9], status: null },
  { id: 'MAP-WL-3', at: [110.25, 19.93], status: null },
  { id: 'MAP-SM-4', at: [110.26, 19.78], status: 'offline' },
] as const;

let seed = 20261121;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const gaussian = () => Math.sqrt(-2 * Math.log(random() || 1e-9)) * Math.cos(2 * Math.PI * random());

function bulkEvent(i: number, now: number): CityEventInput {
  const [lng, lat] = HOTSPOTS[i % HOTSPOTS.length];
  const type = BULK_TYPES[i % BULK_TYPES.length];
  return exampleEvent(type, {
    id: `map-bulk-${i}`,
    source: '/test/map',
    // Spread over the last hour: all of it is "today" unless the test runs in the minutes after midnight.
    time: new Date(now - (i % 3_000) * 1000).toISOString(),
    location: { lng: lng + gaussian() * 0.008, lat: lat + gaussian() * 0.008, crs: 'WGS84' },
    data: { ...EXAMPLE_PAYLOADS[type] },
  } as Partial<CityEventInput>);
}

async function postBulk(url: string): Promise<void> {
  const now = Date.now();
  const batches: number[] = [];
  for (let start = 0; start < BULK; start += 5_000) batches.push(start);
  // Two batches in flight: the pipeline writes one batch at a time anyway.
  const post = async () => {
    for (let start = batches.shift(); start !== undefined; start = batches.shift()) {
      const events = Array.from({ length: Math.min(5_000, BULK - start) }, (_, j) => bulkEvent(start + j, now));
      const { status, body } = await postEvents(url, events);
      if (status !== 200 || body.stored !== events.length)
        throw new Error(`bulk post: ${status} ${String(body.stored)}`);
    }
  };
  await Promise.all([post(), post()]);
}

function deviceEvents(): CityEventInput[] {
  return DEVICES.flatMap(({ id, at, status }) => {
    const base = { source: '/test/map-devices', subject: id, location: { lng: at[0], lat: at[1], crs: 'WGS84' } };
    const telemetry = exampleEvent(EVENT_TYPES.deviceTelemetry, {
      ...base,
      id: `${id}-t`,
      severity: 'info',
      data: { ...EXAMPLE_PAYLOADS[EVENT_TYPES.deviceTelemetry], deviceId: id },
    } as Partial<CityEventInput>);
    if (!status) return [telemetry];
    const change = exampleEvent(EVENT_TYPES.deviceStatus, {
      ...base,
      id: `${id}-s`,
      severity: 'major',
      time: new Date(Date.now() + 1000).toISOString(),
      data: { ...EXAMPLE_PAYLOADS[EVENT_TYPES.deviceStatus], deviceId: id, status },
    } as Partial<CityEventInput>);
    return [telemetry, change];
  });
}

const mercX = (lng: number) => (lng + 180) / 360;
const mercY = (lat: number) => {
  const s = Math.sin((lat * Math.PI) / 180);
  return 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
};

interface View {
  center: [number, number];
  zoom: number;
}

/** Reads the map's figures (data-* on the CityMap root). */
const stat = async (map: Locator, name: string) => (await map.getAttribute(`data-${name}`)) ?? '';
const num = async (map: Locator, name: string) => Number((await stat(map, name)) || Number.NaN);
const viewOf = async (map: Locator): Promise<View> => JSON.parse((await stat(map, 'view')) || 'null') as View;

/** Where a WGS-84 position is on the page: Web Mercator with L7's 512-px tiles around the map's centre. */
async function onScreen(page: Page, map: Locator, lng: number, lat: number): Promise<{ x: number; y: number }> {
  const { center, zoom } = await viewOf(map);
  const box = await page.locator('[data-testid="map-canvas-host"]').boundingBox();
  if (!box) throw new Error('map host not on screen');
  const world = 512 * 2 ** zoom;
  return {
    x: box.x + box.width / 2 + (mercX(lng) - mercX(center[0])) * world,
    y: box.y + box.height / 2 + (mercY(lat) - mercY(center[1])) * world,
  };
}

/** Share of pixels that differ between two PNG screenshots of the same element. */
async function changedShare(page: Page, a: Buffer, b: Buffer): Promise<number> {
  return page.evaluate(
    async ([first, second]) => {
      const pixels = async (base64: string) => {
        const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${base64}`)).blob());
        const surface = new OffscreenCanvas(bitmap.width, bitmap.height);
        const context = surface.getContext('2d')!;
        context.drawImage(bitmap, 0, 0);
        return context.getImageData(0, 0, bitmap.width, bitmap.height).data;
      };
      const [x, y] = [await pixels(first), await pixels(second)];
      let changed = 0;
      for (let i = 0; i < x.length; i += 4)
        if (Math.abs(x[i] - y[i]) + Math.abs(x[i + 1] - y[i + 1]) + Math.abs(x[i + 2] - y[i + 2]) > 48) changed++;
      return changed / (x.length / 4);
    },
    [a.toString('base64'), b.toString('base64')],
  );
}

async function toggle(page: Page, layer: string, on: boolean): Promise<void> {
  const button = page.locator(`[data-testid="map-toggle-${layer}"]`);
  if ((await button.getAttribute('aria-pressed')) !== String(on)) await button.click();
  await until(
    () => button.getAttribute('aria-pressed'),
    (pressed) => pressed === String(on),
    5_000,
    `${layer} ${on}`,
  );
}

describe('the city map and the 3D view in a real browser, with 100,000 events today', () => {
  let zs: ZhongshuProcess;
  let browser: Browser;
  let wall: WallPage;
  let page: Page;
  let map: Locator;
  let token: string;
  let home: View;

  beforeAll(async () => {
    zs = await startZhongshu({ env: { SIMULATE: '0' } });
    token = await demoWallTokenOf(zs);
    await postBulk(zs.url);
    const { status } = await postEvents(zs.url, deviceEvents());
    expect(status).toBe(200);
    browser = await launchChromium();
    wall = await openWallPage(browser, zs.url, { width: 1920, height: 1080 });
    page = wall.page;
    await page.goto(`${zs.url}/wall/?token=${token}`, { waitUntil: 'load' });
    map = page.locator('[data-testid="city-map"]').first();
    await until(
      () => stat(map, 'ready'),
      (ready) => ready === 'true',
      90_000,
      'the map to be ready',
    );
    home = await viewOf(map);
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await zs?.stop();
  });

  it("draws the district, the towns' names and today's heatmap", async () => {
    await until(
      () => num(map, 'heat-cells'),
      (cells) => cells > 0,
      120_000,
      'heatmap cells',
    );
    const lit = await until(
      () => litShareOfMap(page),
      (share) => share > 0.03,
      120_000,
      'a lit map canvas',
    );
    expect(lit).toBeGreaterThan(0.03);
    const names = await page.locator('.cmap-label:not([hidden])').allTextContents();
    expect(names).toEqual(expect.arrayContaining(['长流镇', '石山镇', '永兴镇', '东山镇']));
  });

  it('changes what is drawn when a layer is switched off and on', async () => {
    const canvas = page.locator('[data-testid="map-canvas-host"] canvas').first();
    const shot = () => canvas.screenshot({ animations: 'disabled' });
    await toggle(page, 'events', false);
    await toggle(page, 'orders', false);
    await page.waitForTimeout(1500);
    const withHeat = await shot();
    await toggle(page, 'heat', false);
    const gone = await until(
      async () => changedShare(page, withHeat, await shot()),
      // The four hotspots' heat covers about 2 % of the canvas.
      (share) => share > 0.008,
      30_000,
      'the heatmap to disappear from the canvas',
    );
    expect(gone).toBeGreaterThan(0.008);
    await toggle(page, 'towns', false);
    expect(await page.locator('.cmap-label:not([hidden])').count()).toBe(0);
    await toggle(page, 'towns', true);
    await until(
      () => page.locator('.cmap-label:not([hidden])').count(),
      (n) => n >= 4,
      10_000,
      'town names back',
    );
    await toggle(page, 'heat', true);
    await until(
      async () => changedShare(page, withHeat, await shot()),
      (share) => share < 0.002,
      30_000,
      'the heatmap to come back as it was',
    );
  });

  it('clusters all 100,000 points into a few hundred features and stays interactive', async () => {
    await toggle(page, 'heat', false);
    await toggle(page, 'clusters', true);
    const points = await until(
      () => num(map, 'cluster-points'),
      (n) => n >= BULK,
      120_000,
      'points in the worker',
    );
    expect(points).toBeGreaterThanOrEqual(BULK);
    const features = await until(
      () => num(map, 'cluster-features'),
      (n) => n > 0,
      60_000,
      'clusters drawn',
    );
    expect(features).toBeLessThan(500);
    await expect(page.locator('[data-testid="map-today-count"]').textContent()).resolves.toMatch(/^\d{6,}$/);

    // Zooming in answers with clusters for the new zoom: the main thread was free to take the wheel.
    const before = await viewOf(map);
    const host = await page.locator('[data-testid="map-canvas-host"]').boundingBox();
    await page.mouse.move(host!.x + host!.width / 2, host!.y + host!.height / 2);
    await page.mouse.wheel(0, -600);
    const after = await until(
      () => viewOf(map),
      (view) => view.zoom > before.zoom + 0.5,
      30_000,
      'a zoom',
    );
    await until(
      () => num(map, 'cluster-zoom'),
      (zoom) => zoom === Math.floor(after.zoom),
      30_000,
      'clusters for the new zoom',
    );
    await page.click('[data-testid="map-reset"]');
    await until(
      () => viewOf(map),
      (view) => Math.abs(view.zoom - before.zoom) < 0.01,
      30_000,
      'the whole district',
    );
  });

  it('opens a cluster in the detail panel and zooms into it on request', async () => {
    await toggle(page, 'events', false);
    await until(
      () => num(map, 'cluster-zoom'),
      (zoom) => zoom === Math.floor(home.zoom),
      30_000,
      'whole-district clusters',
    );
    const [lng, lat] = HOTSPOTS[2];
    const at = await onScreen(page, map, lng, lat);
    await page.mouse.click(at.x, at.y);
    const panel = page.locator('[data-testid="map-detail"]');
    await panel.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await panel.getAttribute('data-type')).toBe('cluster');
    const count = Number(await panel.locator('[data-testid="map-detail-count"]').textContent());
    expect(count).toBeGreaterThan(1_000);
    const before = await viewOf(map);
    await panel.locator('.cmap-detail-action').click();
    await until(
      () => viewOf(map),
      (view) => view.zoom >= before.zoom + 1,
      30_000,
      'the zoom into the cluster',
    );
    await page.click('[data-testid="map-reset"]');
    await until(
      () => viewOf(map),
      (view) => Math.abs(view.zoom - before.zoom) < 0.01,
      30_000,
      'the whole district',
    );
  });

  it('pulses a live event on arrival and opens it on a click', async () => {
    await toggle(page, 'clusters', false);
    await toggle(page, 'events', true);
    const title = `长滨路井盖缺失（地图测试 ${Date.now() % 100000}）`;
    const ring = page.waitForSelector('.cmap-ring', { state: 'attached', timeout: 20_000 });
    const event = exampleEvent(EVENT_TYPES.hotlineTicket, {
      id: `map-lonely-${Date.now()}`,
      source: '/test/map',
      severity: 'critical',
      location: { lng: LONELY[0], lat: LONELY[1], crs: 'WGS84' },
      data: { ...EXAMPLE_PAYLOADS[EVENT_TYPES.hotlineTicket], title },
    });
    expect((await postEvents(zs.url, [event])).status).toBe(200);
    await ring;
    // The point layer takes new data at most once a second; the ring was immediate.
    await page.waitForTimeout(1_500);
    const at = await onScreen(page, map, LONELY[0], LONELY[1]);
    await page.mouse.click(at.x, at.y);
    const panel = page.locator('[data-testid="map-detail"]');
    await panel.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await panel.getAttribute('data-type')).toBe('event');
    await until(
      () => panel.locator('[data-testid="map-detail-summary"]').textContent(),
      (text) => text === title,
      10_000,
      'the event summary',
    );
    // Its address and grid come from the warehouse, not from the live message.
    await until(
      () => panel.textContent(),
      (text) => (text ?? '').includes('网格'),
      10_000,
      'the stored detail',
    );
    await panel.locator('.cmap-detail-close').click();
    await panel.waitFor({ state: 'detached', timeout: 5_000 });
  });

  it('shows devices by status, and a faulty one in the detail panel', async () => {
    await toggle(page, 'events', false);
    await toggle(page, 'devices', true);
    await until(
      () => num(map, 'devices'),
      (n) => n >= DEVICES.length,
      60_000,
      'devices on the map',
    );
    const [lng, lat] = DEVICES[0].at;
    const at = await onScreen(page, map, lng, lat);
    await page.mouse.click(at.x, at.y);
    const panel = page.locator('[data-testid="map-detail"]');
    await panel.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await panel.getAttribute('data-type')).toBe('device');
    const text = (await panel.textContent()) ?? '';
    expect(text).toContain('MAP-CAM-1');
    expect(text).toContain('故障');
    await panel.locator('.cmap-detail-close').click();
  });

  it('draws a new work order, opens it on a click and lets it go once invalid', async () => {
    await toggle(page, 'devices', false);
    await toggle(page, 'events', false);
    await toggle(page, 'orders', true);
    const panel = page.locator('[data-testid="map-detail"]');
    /** Clicks the order's spot; answers what the detail panel shows there ('' when it opens nothing). */
    const clickOrderSpot = async () => {
      const at = await onScreen(page, map, ORDER_AT[0], ORDER_AT[1]);
      await page.mouse.click(at.x, at.y);
      try {
        await panel.waitFor({ state: 'visible', timeout: 1_000 });
      } catch {
        return '';
      }
      const shown = `${await panel.getAttribute('data-type')}: ${await panel.textContent()}`;
      await panel.locator('.cmap-detail-close').click();
      await panel.waitFor({ state: 'detached', timeout: 5_000 });
      return shown;
    };
    expect(await clickOrderSpot()).toBe('');

    // The hotline tickets above became orders by themselves: ours joins a busy layer.
    const dispatcher = await ApiCaller.signIn(zs.url, 'dispatcher', await demoPasswordOf(zs));
    const title = `滨海大道路灯不亮（地图工单 ${Date.now() % 100000}）`;
    const created = await dispatcher.post<{ order: OrderView }>('/api/v1/work-orders', {
      title,
      categoryCode: '010104',
      urgency: 'emergency',
      location: { lng: ORDER_AT[0], lat: ORDER_AT[1] },
    });
    expect(created.status).toBe(201);
    // The layer takes new data at most once a second, from the page's live store.
    const shown = await until(clickOrderSpot, (text) => text.includes(title), 30_000, 'the order on the map');
    expect(shown.startsWith('order: ')).toBe(true);
    expect(shown).toContain(created.body.order.status);
    expect(await num(map, 'orders')).toBeGreaterThan(0);

    const invalid = await act(dispatcher, created.body.order.id, 'invalidate', { reason: '重复来电' });
    expect(invalid.status).toBe(200);
    await until(clickOrderSpot, (text) => text === '', 30_000, 'the invalid order to leave the map');
  });

  it('keeps the viewer’s view while data refreshes', async () => {
    await toggle(page, 'events', true);
    await toggle(page, 'clusters', true);
    const host = await page.locator('[data-testid="map-canvas-host"]').boundingBox();
    await page.mouse.move(host!.x + host!.width * 0.4, host!.y + host!.height * 0.4);
    await page.mouse.wheel(0, -400);
    await page.mouse.down();
    await page.mouse.move(host!.x + host!.width * 0.5, host!.y + host!.height * 0.55, { steps: 6 });
    await page.mouse.up();
    await page.waitForTimeout(1500);
    const chosen = await viewOf(map);
    const before = await num(map, 'cluster-points');
    const now = Date.now();
    const fresh = Array.from({ length: 500 }, (_, i) => ({ ...bulkEvent(BULK + i, now), id: `map-fresh-${i}` }));
    expect((await postEvents(zs.url, fresh)).status).toBe(200);
    // Live points arrive at once; the clustered layer re-indexes them within ten seconds.
    await until(
      () => num(map, 'cluster-points'),
      (n) => n >= before + 500,
      60_000,
      'the clusters to take them in',
    );
    await page.waitForTimeout(1500);
    expect(await viewOf(map)).toEqual(chosen);
  });

  it('renders the 3D district with per-town columns on a non-blank WebGL canvas', async () => {
    await page.goto(`${zs.url}/wall/3d/?token=${token}`, { waitUntil: 'load' });
    const view = page.locator('[data-testid="district-3d"]');
    await until(
      () => view.getAttribute('data-ready'),
      (ready) => ready === 'true',
      60_000,
      'the 3D scene',
    );
    await until(
      async () => Number(await view.getAttribute('data-total')),
      // A few of the scattered points fall outside the district's towns.
      (total) => total >= BULK * 0.95,
      60_000,
      "today's total in the columns",
    );
    const frames = await until(
      async () => Number(await view.getAttribute('data-frames')),
      (n) => n >= 3,
      60_000,
      'frames of the orbit',
    );
    expect(frames).toBeGreaterThanOrEqual(3);
    const canvas = page.locator('[data-testid="district-3d-canvas"]');
    const style = await page.addStyleTag({
      content:
        '.d3-labels,.d3-page-head,.d3-page-legend{visibility:hidden!important}.d3-page{background:#000!important}',
    });
    const png = await canvas.screenshot({ animations: 'disabled' });
    await style.evaluate((node) => node.parentNode?.removeChild(node));
    const lit = await page.evaluate(async (base64) => {
      const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${base64}`)).blob());
      const surface = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context = surface.getContext('2d')!;
      context.drawImage(bitmap, 0, 0);
      const { data } = context.getImageData(0, 0, bitmap.width, bitmap.height);
      let n = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i] + data[i + 1] + data[i + 2] > 48) n++;
      return n / (data.length / 4);
    }, png.toString('base64'));
    expect(lit).toBeGreaterThan(0.05);
    await expect(page.locator('.d3-label:not([hidden]) b').allTextContents()).resolves.toEqual(
      expect.arrayContaining(['永兴镇', '东山镇']),
    );
  });

  it('logs no console errors and asks nothing of the internet', () => {
    expect(wall.errors).toEqual([]);
    expect(wall.offOrigin).toEqual([]);
  });
});
