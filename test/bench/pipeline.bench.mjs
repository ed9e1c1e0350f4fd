#!/usr/bin/env node
// End-to-end ingest benchmark: HTTP batch POST → validate → dedupe → enrich → chDB write → hot state → live publish.
// Starts the built server (SIMULATE=0) on a free loopback port with a fresh DATA_DIR, drives it for a bounded
// time, prints figures and a markdown row for docs/benchmarks.md. Usage: npm run bench [-- --seconds 20]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { EVENT_TYPES, EXAMPLE_PAYLOADS, exampleEvent } from '@zhongshu/stream';

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const SECONDS = arg('seconds', 20);
const BATCH = arg('batch', 2000);
const WORKERS = arg('workers', 4);
/** Phase 2: a steady rate below saturation, where ingest → publish latency means something. */
const RATE = arg('rate', 2000);
const RATE_SECONDS = arg('rate-seconds', 10);

const root = join(import.meta.dirname, '..', '..');
const port = await new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const p = s.address().port;
    s.close(() => resolve(p));
  });
});
const dataDir = mkdtempSync(join(tmpdir(), 'zhongshu-bench-'));
const child = spawn(process.execPath, [join(root, 'command-api/dist/main.js')], {
  env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, SIMULATE: '0' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
process.on('exit', () => child.kill('SIGKILL'));
const url = `http://127.0.0.1:${port}`;
for (let i = 0; ; i++) {
  try {
    if ((await fetch(`${url}/api/health`)).ok) break;
  } catch {
    // not listening yet
  }
  if (i > 300) throw new Error('server did not start');
  await new Promise((r) => setTimeout(r, 200));
}

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
await new Promise((r) => setTimeout(r, 1000));
const saturatedLatencies = latencies.splice(0);
sentAt.clear();

// Steady phase: batches of 50 every 50/RATE seconds; every event's POST start → its delta on /live.
const steadyBatch = 50;
const intervalMs = (steadyBatch / RATE) * 1000;
const steadyEnd = performance.now() + RATE_SECONDS * 1000;
const pending = [];
let steadySent = 0;
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
    }).then((r) => r.arrayBuffer()),
  );
}
await Promise.all(pending);
await new Promise((r) => setTimeout(r, 1000));
const steadySeconds = RATE_SECONDS;
socket.close();
const rss = await fetch(`${url}/api/health`).then((r) => r.json());
child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
rmSync(dataDir, { recursive: true, force: true });

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
  `HTTP batch ingest, end to end into chDB: ${stored} events in ${elapsed.toFixed(1)} s = ${rate.toFixed(0)} events/s (${WORKERS} clients × ${BATCH}/batch, failed ${failed})`,
);
console.log(
  `  at saturation, batch POST start → delta on /live: p50 ${satPct(50)} ms, p99 ${satPct(99)} ms (queueing; n=${saturatedLatencies.length})`,
);
console.log(
  `steady ${RATE} events/s for ${steadySeconds} s (${steadySent} sent): ingest → live publish p50 ${pct(50)} ms, p95 ${pct(95)} ms, p99 ${pct(99)} ms (n=${latencies.length})`,
);
console.log(`pipeline after the run: ${JSON.stringify(rss.checks.pipeline)}`);
console.log(
  `\n| ${new Date().toISOString().slice(0, 10)} | HTTP batch → chDB | ${rate.toFixed(0)} events/s | p50 ${pct(50)} / p99 ${pct(99)} ms at ${RATE}/s | ${machine} |`,
);
process.exit(failed > 0 && stored === 0 ? 1 : 0);
