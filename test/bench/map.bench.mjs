#!/usr/bin/env node
// Map and 3D benchmark in real Chromium (WebGL on SwiftShader, as on CI): 100,000 of today's events in the
// warehouse, then
//   1. load: how long until the clustered layer draws all of them (download, parse and index in the worker);
//   2. pan and zoom: main-thread scripting (and all main-thread task time) per frame, CDP Performance metrics;
//   3. idle: main-thread time per second with nothing moving (nothing should redraw);
//   4. the 3D view: time per orbit frame, and frames drawn while it stands still.
// Starts the built server (SIMULATE=0) on a free loopback port with a fresh DATA_DIR.
// Usage: npm run bench, or node test/bench/map.bench.mjs [--points 100000]
/* global window, requestAnimationFrame -- page.evaluate callbacks run in the browser */
import { cpus } from 'node:os';
import { chromium } from 'playwright-core';
import { EVENT_TYPES, EXAMPLE_PAYLOADS, exampleEvent } from '@zhongshu/stream';
import { startBenchServer } from './bench-server.mjs';

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const POINTS = arg('points', 100_000);
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--no-first-run',
];

const server = await startBenchServer({ name: 'map-bench' });
const { url } = server;

// Today's events around the eight town seats, like a busy day.
const SEATS = [
  [110.287, 20.015],
  [110.27, 20.033],
  [110.205, 20.01],
  [110.243, 20.021],
  [110.275, 19.978],
  [110.195, 19.935],
  [110.26, 19.86],
  [110.27, 19.75],
];
const TYPES = [EVENT_TYPES.hotlineTicket, EVENT_TYPES.urbanCase, EVENT_TYPES.safetyAlarm, EVENT_TYPES.approvalCase];
let seed = 7;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const gaussian = () => Math.sqrt(-2 * Math.log(random() || 1e-9)) * Math.cos(2 * Math.PI * random());
const now = Date.now();
const postStart = performance.now();
const starts = [];
for (let s = 0; s < POINTS; s += 5000) starts.push(s);
const poster = async () => {
  for (let start = starts.shift(); start !== undefined; start = starts.shift()) {
    const batch = [];
    for (let i = start; i < Math.min(POINTS, start + 5000); i++) {
      const [lng, lat] = SEATS[i % SEATS.length];
      const type = TYPES[Math.floor(i / SEATS.length) % TYPES.length];
      batch.push(
        exampleEvent(type, {
          id: `map-bench-${i}`,
          source: '/bench/map',
          time: new Date(now - (i % 3000) * 1000).toISOString(),
          location: { lng: lng + gaussian() * 0.012, lat: lat + gaussian() * 0.012, crs: 'WGS84' },
          data: { ...EXAMPLE_PAYLOADS[type] },
        }),
      );
    }
    const response = await fetch(`${url}/api/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(batch),
    });
    if (!response.ok) throw new Error(`POST /api/v1/events: ${response.status}`);
  }
};
await Promise.all([poster(), poster()]);
console.log(`posted ${POINTS.toLocaleString('en')} events in ${((performance.now() - postStart) / 1000).toFixed(1)} s`);

// The points API on its own: what every wall downloads when its clustered layer or heatmap is first shown.
const apiStart = performance.now();
const apiResponse = await fetch(`${url}/api/v1/gis/event-points`, { headers: { 'accept-encoding': 'gzip' } });
const apiBody = await apiResponse.arrayBuffer();
const apiMs = performance.now() - apiStart;
const apiBytes = Number(apiResponse.headers.get('content-length') ?? apiBody.byteLength);

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
const errors = [];
page.on('pageerror', (error) => errors.push(error.message));
const cdp = await page.context().newCDPSession(page);
await cdp.send('Performance.enable');
const metrics = async () =>
  Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
const map = page.locator('[data-testid="city-map"]').first();
const attr = async (name) => Number((await map.getAttribute(`data-${name}`)) ?? Number.NaN);
const waitFor = async (read, ok, timeoutMs, what) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (last ${value})`);
    await new Promise((r) => setTimeout(r, 50));
  }
};
const setLayer = async (layer, on) => {
  const button = page.locator(`[data-testid="map-toggle-${layer}"]`);
  if ((await button.getAttribute('aria-pressed')) !== String(on)) await button.click();
};
const countFrames = () =>
  page.evaluate(() => {
    window.__frames = 0;
    const tick = () => {
      window.__frames += 1;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
const frames = () => page.evaluate(() => window.__frames);

// 1. Load.
const navStart = performance.now();
await page.goto(`${url}/wall/`, { waitUntil: 'load' });
await waitFor(
  () => map.getAttribute('data-ready'),
  (v) => v === 'true',
  120_000,
  'the map',
);
const mapReadyMs = performance.now() - navStart;
for (const layer of ['heat', 'events', 'orders']) await setLayer(layer, false);
const loadStart = performance.now();
await setLayer('clusters', true);
await waitFor(
  () => attr('cluster-points'),
  (n) => n >= POINTS,
  300_000,
  'points in the worker',
);
const indexedMs = performance.now() - loadStart;
await waitFor(
  () => attr('cluster-features'),
  (n) => n > 0,
  60_000,
  'clusters drawn',
);
const clustersMs = performance.now() - loadStart;
const features = await attr('cluster-features');

// 2. Pan and zoom, measured on the main thread.
const box = await page.locator('[data-testid="map-canvas-host"]').boundingBox();
const cx = box.x + box.width / 2;
const cy = box.y + box.height / 2;
async function interact() {
  await countFrames();
  const before = await metrics();
  const started = performance.now();
  for (let k = 0; k < 4; k++) {
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    await page.mouse.move(cx + (k % 2 ? -160 : 160), cy + (k % 2 ? 50 : -50), { steps: 15 });
    await page.mouse.up();
    await page.mouse.wheel(0, k < 2 ? -240 : 240);
    await page.waitForTimeout(250);
  }
  const elapsed = performance.now() - started;
  const after = await metrics();
  const n = await frames();
  const ms = (name) => (after[name] - before[name]) * 1000;
  return {
    frames: n,
    fps: (n / elapsed) * 1000,
    scriptPerFrame: ms('ScriptDuration') / n,
    taskPerFrame: ms('TaskDuration') / n,
  };
}
async function idle(seconds) {
  const before = await metrics();
  await page.waitForTimeout(seconds * 1000);
  const after = await metrics();
  return {
    scriptPerSecond: ((after.ScriptDuration - before.ScriptDuration) * 1000) / seconds,
    taskPerSecond: ((after.TaskDuration - before.TaskDuration) * 1000) / seconds,
  };
}
await page.click('[data-testid="map-reset"]');
await page.waitForTimeout(1500);
const clustersIdle = await idle(5);
const clustersPan = await interact();
await page.click('[data-testid="map-reset"]');
await setLayer('heat', true);
await waitFor(
  () => attr('heat-cells'),
  (n) => n > 0,
  60_000,
  'heat cells',
);
await page.waitForTimeout(1500);
const heatPan = await interact();
const heatCells = await attr('heat-cells');

// 4. The 3D view: orbiting, then standing still.
await page.goto(`${url}/wall/3d/`, { waitUntil: 'load' });
const view3d = page.locator('[data-testid="district-3d"]');
await waitFor(
  () => view3d.getAttribute('data-ready'),
  (v) => v === 'true',
  120_000,
  'the 3D view',
);
await page.waitForTimeout(2000);
const f0 = Number(await view3d.getAttribute('data-frames'));
const m0 = await metrics();
await page.waitForTimeout(5000);
const m1 = await metrics();
const orbitFrames = Number(await view3d.getAttribute('data-frames')) - f0;
const orbit = {
  fps: orbitFrames / 5,
  scriptPerFrame: ((m1.ScriptDuration - m0.ScriptDuration) * 1000) / orbitFrames,
  taskPerFrame: ((m1.TaskDuration - m0.TaskDuration) * 1000) / orbitFrames,
};
await page.goto(`${url}/wall/3d/?orbit=0`, { waitUntil: 'load' });
await waitFor(
  () => view3d.getAttribute('data-ready'),
  (v) => v === 'true',
  120_000,
  'the 3D view',
);
await page.waitForTimeout(3000);
const s0 = Number(await view3d.getAttribute('data-frames'));
await page.waitForTimeout(5000);
const stillFrames = Number(await view3d.getAttribute('data-frames')) - s0;

await browser.close();
await server.stop();

const f = (n, d = 1) => n.toLocaleString('en', { maximumFractionDigits: d, minimumFractionDigits: d });
console.log(`
machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}; Chromium with SwiftShader (WebGL on the CPU)
points API: ${POINTS.toLocaleString('en')} points, ${f(apiBytes / 1024 / 1024)} MiB gzip, ${f(apiMs, 0)} ms
map ready after navigation: ${f(mapReadyMs, 0)} ms
clusters: all points indexed in the worker ${f(indexedMs, 0)} ms after the layer was switched on, drawn at ${f(clustersMs, 0)} ms (${features} features)
pan/zoom, clusters + towns: ${f(clustersPan.fps)} fps, main-thread scripting ${f(clustersPan.scriptPerFrame)} ms/frame, all main-thread tasks ${f(clustersPan.taskPerFrame)} ms/frame
pan/zoom, + heatmap (${heatCells} cells): ${f(heatPan.fps)} fps, scripting ${f(heatPan.scriptPerFrame)} ms/frame, tasks ${f(heatPan.taskPerFrame)} ms/frame
idle, clusters shown: scripting ${f(clustersIdle.scriptPerSecond)} ms/s, tasks ${f(clustersIdle.taskPerSecond)} ms/s
3D orbit: ${f(orbit.fps)} fps, scripting ${f(orbit.scriptPerFrame)} ms/frame, tasks ${f(orbit.taskPerFrame)} ms/frame
3D standing still (orbit=0): ${stillFrames} frames in 5 s
page errors: ${errors.length ? errors.join('; ') : 'none'}

| date | commit | what | figure | notes |
| --- | --- | --- | --- | --- |
| ${new Date().toISOString().slice(0, 10)} | this change | ${POINTS.toLocaleString('en')} points: clustered layer drawn after switch-on | ${f(clustersMs / 1000)} s | download ${f(apiBytes / 1024 / 1024)} MiB gzip, parse and index in a worker |
| ${new Date().toISOString().slice(0, 10)} | this change | pan/zoom with ${POINTS.toLocaleString('en')} points clustered | scripting ${f(clustersPan.scriptPerFrame)} ms/frame, ${f(clustersPan.fps)} fps | all main-thread tasks ${f(clustersPan.taskPerFrame)} ms/frame (SwiftShader) |
| ${new Date().toISOString().slice(0, 10)} | this change | pan/zoom with heatmap on | scripting ${f(heatPan.scriptPerFrame)} ms/frame, ${f(heatPan.fps)} fps | tasks ${f(heatPan.taskPerFrame)} ms/frame |
| ${new Date().toISOString().slice(0, 10)} | this change | 3D orbit frame | scripting ${f(orbit.scriptPerFrame)} ms/frame, ${f(orbit.fps)} fps | tasks ${f(orbit.taskPerFrame)} ms/frame; ${stillFrames} frames in 5 s without orbit |
`);
process.exit(errors.length ? 1 : 0);
