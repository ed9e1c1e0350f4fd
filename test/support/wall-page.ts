import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { EVENT_TYPES, EXAMPLE_PAYLOADS, exampleEvent, type CityEventInput, type EventType } from '@zhongshu/stream';
import type { ZhongshuProcess } from './zhongshu-process';

/**
 * Real Chromium for the wall tests: headless, WebGL on SwiftShader (what a CI box has instead of a GPU),
 * and audio allowed to start without a click, as a kiosk wall is started (docs/wall.md).
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--no-first-run',
  '--autoplay-policy=no-user-gesture-required',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export const THEMES = ['home', 'hotline', 'urban', 'grid', 'safety', 'approvals', 'devices'] as const;
export type Theme = (typeof THEMES)[number];
export const themePath = (theme: Theme) => (theme === 'home' ? '/wall/' : `/wall/${theme}/`);

/** A page that records console errors, page errors and any request leaving the server's origin. */
export interface WallPage {
  page: Page;
  context: BrowserContext;
  errors: string[];
  offOrigin: string[];
}

export async function openWallPage(
  browser: Browser,
  origin: string,
  viewport: { width: number; height: number },
): Promise<WallPage> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors: string[] = [];
  const offOrigin: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('request', (request) => {
    const url = request.url();
    if (/^(https?|wss?):/.test(url) && !url.startsWith(origin) && !url.startsWith(origin.replace('http', 'ws')))
      offOrigin.push(url);
  });
  return { page, context, errors, offOrigin };
}

export async function until<T>(
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
 * Share of lit pixels in the map's WebGL canvas. The canvas is transparent over a CSS backdrop and DOM
 * labels, so those are hidden for the shot: whatever is left that is not black was drawn by WebGL.
 */
export async function litShareOfMap(page: Page): Promise<number> {
  const canvas = page.locator('[data-testid="map-canvas-host"] canvas').first();
  await canvas.waitFor({ state: 'attached', timeout: 60_000 });
  const style = await page.addStyleTag({
    content:
      '[data-map-decor],.cmap-backdrop,.cmap-labels,.cmap-rings,.map-backdrop,.map-labels,.map-overlay,.map-hot,.map-badge{visibility:hidden!important}.map-slot,.cmap,.map-stage{background:#000!important}',
  });
  const png = await canvas.screenshot({ animations: 'disabled', timeout: 60_000 });
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

let counter = 0;

/** A valid event of any type, stamped now, inside the district, unique per call. */
export function cityEventNow(type: EventType, data: Record<string, unknown> = {}, extra: Partial<CityEventInput> = {}) {
  counter += 1;
  const id = `wall-${process.pid}-${Date.now()}-${counter}`;
  return exampleEvent(type, {
    id,
    source: '/test/wall',
    time: new Date().toISOString(),
    data: { ...EXAMPLE_PAYLOADS[type], ...data },
    ...extra,
  } as Partial<CityEventInput>);
}

/** One event of every type, so every theme has something to show. */
export function oneOfEach(): CityEventInput[] {
  const stamp = `${process.pid}-${Date.now()}`;
  return [
    cityEventNow(EVENT_TYPES.hotlineTicket, { ticketNo: `RX-${stamp}` }),
    cityEventNow(EVENT_TYPES.urbanCase, { caseNo: `CG-${stamp}` }, { subject: `CG-${stamp}` }),
    cityEventNow(EVENT_TYPES.safetyAlarm, { alarmId: `GJ-${stamp}`, level: 2 }, { severity: 'minor' }),
    cityEventNow(EVENT_TYPES.deviceTelemetry, { deviceId: `DEV-${stamp}` }, { severity: 'info' }),
    cityEventNow(EVENT_TYPES.deviceStatus, { deviceId: `DEV2-${stamp}` }),
    cityEventNow(EVENT_TYPES.approvalCase, { caseNo: `SP-${stamp}` }),
    cityEventNow(EVENT_TYPES.hallQueue, { ticketNo: `A-${stamp}` }),
    cityEventNow(EVENT_TYPES.hallEvaluation, { rating: 5 }),
  ];
}

/** The value a stat card shows for a KPI (its `data-value`), or null when it has none yet. */
export async function statValue(page: Page, kpi: string): Promise<number | null> {
  const value = await page
    .locator(`[data-testid="stat-${kpi}"] .stat-value`)
    .first()
    .getAttribute('data-value', { timeout: 2000 })
    .catch(() => null);
  return value === null || value === '' ? null : Number(value);
}

/** The read-only wall token a demo-mode process prints at start (`wall token  …/wall?token=zsw_…`). */
export async function demoWallToken(zs: ZhongshuProcess): Promise<string> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const match = /wall token\s+\S*\?token=(\S+)/.exec(zs.output());
    if (match?.[1]) return match[1];
    if (Date.now() > deadline) throw new Error(`no wall token in the output:\n${zs.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
