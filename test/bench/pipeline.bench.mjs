#!/usr/bin/env node
// End-to-end ingest benchmark: HTTP batch POST → validate → dedupe → enrich → chDB write → hot state → live publish.
// Starts the built server (SIMULATE=0) on a free loopback port with a fresh DATA_DIR, drives it for a bounded
// time, prints figures and markdown rows for docs/benchmarks.md. Phases: /api/v1/events batches; the signed 12345
// push and the 数字城管 push (per-adapter figures); a steady rate (default 10,000 events/s) for ingest → live
// publish latency. Usage: npm run bench [-- --seconds 20 --rate 10000]
import { cpus, totalmem } from 'node:os';
import { io } from 'socket.io-client';
import { EVENT_TYPES, EXAMPLE_PAYLOADS, exampleEvent } from '@zhongshu/stream';
import { HOTLINE_HEADERS, signHotlinePush, toHotlinePush, toUrbanCasePush } from '@zhongshu/adapters';
import { startBenchServer } from './bench-server.mjs';

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const SECONDS = arg('seconds', 20);
const BATCH = arg('batch', 2000);
const WORKERS = arg('workers', 4);
/** Phase 2: a steady rate below saturation, where ingest → publish latency means something. */
const RATE = arg('rate', 10_000);
const RATE_SECONDS = arg('rate-seconds', 10);
/** `--telemetry`: device telemetry instead of 12345 tickets — events that make no work order (most of a city's volume). */
const TELEMETRY = args.includes('--telemetry');

const PARTNER = { id: 'bench', key: Buffer.alloc(32, 7) };
const server = await startBenchServer({
  name: 'bench',
  env: { HOTLINE_PARTNER_KEYS: `${PARTNER.id}:${PARTNER.key.toString('hex')}` },
});
const { url, cpuSeconds } = server;

const TOWN_POINTS = [
  [110.29, 20.02],
  [110.22, 19.98],
  [110.31, 19.93],
  [110.18, 19.9],
];
let seq = 0;
function event() {
  seq += 1;
  const [lng, lat] = TOWN_POINTS[seq % TOWN_POINTS.length];
  const id = `bench-${seq}`;
  if (TELEMETRY) {
    const deviceId = `BENCH-WL-${seq % 500}`;
    return exampleEvent(EVENT_TYPES.deviceTelemetry, {
      id,
      source: '/bench/devices',
      subject: deviceId,
      location: { lng: lng + (seq % 97) * 1e-4, lat: lat + (seq % 89) * 1e-4, crs: 'WGS84' },
      data: { ...EXAMPLE_PAYLOADS[EVENT_TYPES.deviceTelemetry], deviceId },
    });
  }
  return exampleEvent(EVENT_TYPES.hotlineTicket, {
    id,
    source: '/bench/hotline',
    location: { lng: lng + (seq % 97) * 1e-4, lat: lat + (seq % 89) * 1e-4, crs: 'WGS84' },
    data: { ...EXAMPLE_PAYLOADS[EVENT_TYPES.hotlineTicket], ticketNo: id },
  });
}

// Live latency: time from POST start of a marked event to its delta on /live.
const socket = io(`${url}/live`, { transports: ['websocket'] });
const sentAt = new Map();
const latencies = [];
socket.on('delta', (message) => {
  if (message.channel !== 'events') return;
  const now = performance.now();
  for (const e of message.data.events) {
    const t = sentAt.get(e.id);
    if (t !== undefined) {
      latencies.push(now - t);
      sentAt.delete(e.id);
    }
  }
});
await new Promise((r) => socket.on('connect', r));
socket.emit('subscribe', { channel: 'events' });

let stored = 0;
let failed = 0;
const cpuStart = await cpuSeconds();
const started = performance.now();
const deadline = started + SECONDS * 1000;
await Promise.all(
  Array.from({ length: WORKERS }, async () => {
    while (performance.now() < deadline) {
      const batch = Array.from({ length: BATCH }, event);
      const t = performance.now();
      sentAt.set(batch[0].id, t);
      const response = await fetch(`${url}/api/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(batch),
      });
      if (response.status !== 200) {
        failed += BATCH;
        await response.arrayBuffer();
        continue;
      }
      const body = await response.json();
      stored += body.stored;
    }
  }),
);
const elapsed = (performance.now() - started) / 1000;
const httpCpuUs = (((await cpuSeconds()) - cpuStart) / stored) * 1e6;
await new Promise((r) => setTimeout(r, 1000));
const saturatedLatencies = latencies.splice(0);
sentAt.clear();

// Per adapter: a platform's push with its own payload and mapping, batches of 1,000, 2 clients each.
let pushed = 0;
async function pushFor(seconds, path, body, headers) {
  let items = 0;
  const cpuBefore = await cpuSeconds();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: 2 }, async () => {
      while (performance.now() < t0 + seconds * 1000) {
        const { text, count } = body();
        const response = await fetch(`${url}${path}`, { method: 'POST', headers: headers(text), body: text });
        if (response.ok) items += count;
        await response.arrayBuffer();
      }
    }),
  );
  const s = (performance.now() - t0) / 1000;
  return { rate: items / s, cpuUs: (((await cpuSeconds()) - cpuBefore) / items) * 1e6 };
}
const pushBatch = (map) => {
  const items = Array.from({ length: 1000 }, () => map((pushed += 1)));
  return { text: JSON.stringify(items), count: items.length };
};
const hotline = await pushFor(
  SECONDS / 2,
  '/api/v1/ingest/hotline',
  () =>
    pushBatch((n) =>
      toHotlinePush(
        exampleEvent(EVENT_TYPES.hotlineTicket, {
          location: { lng: 110.29, lat: 20.02, crs: 'WGS84' },
          data: { ...EXAMPLE_PAYLOADS[EVENT_TYPES.hotlineTicket], ticketNo: `RX-BENCH-${n}` },
        }),
      ),
    ),
  (text) => {
    const timestamp = Math.floor(Date.now() / 1000);
    return {
      'content-type': 'application/json',
      [HOTLINE_HEADERS.partner]: PARTNER.id,
      [HOTLINE_HEADERS.timestamp]: String(timestamp),
      [HOTLINE_HEADERS.signature]: signHotlinePush(timestamp, text, PARTNER.key),
    };
  },
);
const urban = await pushFor(
  SECONDS / 2,
  '/api/v1/ingest/urban',
  () =>
    pushBatch((n) =>
      toUrbanCasePush(
        exampleEvent(EVENT_TYPES.urbanCase, {
          location: { lng: 110.29, lat: 20.02, crs: 'WGS84' },
          data: { ...EXAMPLE_PAYLOADS[EVENT_TYPES.urbanCase], caseNo: `CG-BENCH-${n}` },
        }),
      ),
    ),
  () => ({ 'content-type': 'application/json' }),
);

// Steady phase: batches of 50 every 50/RATE seconds; every event's POST start → its delta on /live.
const steadyBatch = 50;
const intervalMs = (steadyBatch / RATE) * 1000;
const steadyEnd = performance.now() + RATE_SECONDS * 1000;
const pending = [];
let steadySent = 0;
let steadyFailed = 0;
for (let next = performance.now(); next < steadyEnd; next += intervalMs) {
  const wait = next - performance.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  const batch = Array.from({ length: steadyBatch }, event);
  const t = performance.now();
  for (const e of batch) sentAt.set(e.id, t);
  steadySent += batch.length;
  pending.push(
    fetch(`${url}/api/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(batch),
    }).then(
      (r) => r.arrayBuffer(),
      () => (steadyFailed += batch.length), // an overloaded server may drop connections: count, do not crash
    ),
  );
}
await Promise.all(pending);
await new Promise((r) => setTimeout(r, 1000));
const steadySeconds = RATE_SECONDS;
socket.close();
const rss = await server.health();
await server.stop();

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))].toFixed(0) : 'n/a';
};
const pct = (p) => percentile(latencies, p);
const satPct = (p) => percentile(saturatedLatencies, p);
const rate = stored / elapsed;
const machine = `${cpus().length} × ${cpus()[0].model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
console.log(`\nmachine: ${machine}`);
console.log(
  `HTTP batch ingest${TELEMETRY ? ' (device telemetry)' : ' (12345 tickets, each also a work order)'}, end to end into chDB: ${stored} events in ${elapsed.toFixed(1)} s = ${rate.toFixed(0)} events/s (${WORKERS} clients × ${BATCH}/batch, failed ${failed}); server CPU ${httpCpuUs.toFixed(0)} µs/event`,
);
console.log(
  `12345 signed push (HMAC-SM3, platform mapping) → chDB: ${hotline.rate.toFixed(0)} events/s; server CPU ${hotline.cpuUs.toFixed(0)} µs/event`,
);
console.log(
  `数字城管 push (platform mapping) → chDB: ${urban.rate.toFixed(0)} events/s; server CPU ${urban.cpuUs.toFixed(0)} µs/event`,
);
console.log(
  `  at saturation, batch POST start → delta on /live: p50 ${satPct(50)} ms, p99 ${satPct(99)} ms (queueing; n=${saturatedLatencies.length})`,
);
console.log(
  `steady ${RATE} events/s for ${steadySeconds} s (${steadySent} sent, ${steadyFailed} failed): ingest → live publish p50 ${pct(50)} ms, p95 ${pct(95)} ms, p99 ${pct(99)} ms (n=${latencies.length})`,
);
console.log(`pipeline after the run: ${JSON.stringify(rss.checks.pipeline)}`);
const day = new Date().toISOString().slice(0, 10);
console.log(
  `\n| ${day} | HTTP batch (${TELEMETRY ? 'device telemetry' : '12345 tickets + work orders'}) → chDB | ${rate.toFixed(0)} events/s, server CPU ${httpCpuUs.toFixed(0)} µs/event | p50 ${pct(50)} / p99 ${pct(99)} ms at ${RATE}/s | ${machine} |`,
);
console.log(`| ${day} | 12345 signed push → chDB | ${hotline.rate.toFixed(0)} events/s | ${machine} |`);
console.log(`| ${day} | 数字城管 push → chDB | ${urban.rate.toFixed(0)} events/s | ${machine} |`);
process.exit(failed > 0 && stored === 0 ? 1 : 0);
