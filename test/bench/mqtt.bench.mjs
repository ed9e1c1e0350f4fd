#!/usr/bin/env node
// MQTT benchmark: QoS 1 publishers → broker → MQTT ingest → validate → dedupe → enrich → chDB → live publish.
// 1. Embedded broker (MQTT_URL unset): a device's PUBACK is sent only once its event is in chDB, so acknowledged
//    messages per second are messages per second into the warehouse. JSON telemetry and Sparkplug B DDATA.
// 2. The local Mosquitto (127.0.0.1:1883) → MqttAdapter (persistent session) → chDB: messages per second until
//    the warehouse holds every one (counted by the adapter's `accepted`).
// 3. Latency at a steady rate on the embedded broker: PUBLISH → the event's delta on /live.
// Starts the built server (SIMULATE=0) on free loopback ports with fresh DATA_DIRs; bounded time.
// Usage: node test/bench/mqtt.bench.mjs [--seconds 10] [--clients 4] [--window 1000] [--rate 5000] [--skip-mosquitto]
import { cpus, totalmem, loadavg } from 'node:os';
import mqtt from 'mqtt';
import { get as sparkplugNamespace } from 'sparkplug-payload';
import { io } from 'socket.io-client';
import { freePort, startBenchServer } from './bench-server.mjs';

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const SECONDS = arg('seconds', 10);
const CLIENTS = arg('clients', 4);
/** Unacknowledged QoS 1 messages per publisher. */
const WINDOW = arg('window', 1000);
const RATE = arg('rate', 5000);
const RATE_SECONDS = arg('rate-seconds', 8);
const SKIP_MOSQUITTO = args.includes('--skip-mosquitto');
const MOSQUITTO = 'mqtt://127.0.0.1:1883';

const tag = `${Date.now().toString(36)}${process.pid.toString(36)}`;
const tahu = sparkplugNamespace('spBv1.0');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const startServer = (env) => startBenchServer({ name: 'mqtt-bench', env });

const mqttStats = async (server) => (await server.health()).adapters.find((a) => a.adapter === 'mqtt');
const TOWN_POINT = { lng: 110.29, lat: 20.02 };

/** Message n of publisher c: JSON telemetry (content-derived id) or Sparkplug B DDATA by alias. */
function message(kind, prefix, c, n) {
  const device = n % 50;
  if (kind === 'json') {
    return {
      topic: `zhongshu/${prefix}/devices/d${c}-${device}/telemetry`,
      payload: JSON.stringify({
        ts: Date.now(),
        metrics: { waterLevel_m: (n % 1000) / 1000, battery_pct: 80, n },
        location: TOWN_POINT,
      }),
    };
  }
  return {
    topic: `spBv1.0/${prefix}/DDATA/edge-${c}/g${device}`,
    payload: Buffer.from(
      tahu.encodePayload({
        timestamp: 1_790_000_000_000 + n,
        seq: n % 256,
        metrics: [
          { alias: 1, type: 'Double', value: (n % 1000) / 1000 },
          { alias: 2, type: 'Double', value: 80 },
        ],
      }),
    ),
  };
}

/** Sparkplug sessions for the DDATA above: NBIRTH per edge node, DBIRTH per device (aliases 1, 2). */
async function births(clients, prefix) {
  await Promise.all(
    clients.map(async (client, c) => {
      await client.publishAsync(
        `spBv1.0/${prefix}/NBIRTH/edge-${c}`,
        Buffer.from(
          tahu.encodePayload({ timestamp: Date.now(), seq: 0, metrics: [{ name: 'bdSeq', type: 'UInt64', value: 0 }] }),
        ),
        { qos: 1 },
      );
      const births = [];
      for (let device = 0; device < 50; device++) {
        // One connection: the broker sees them in order after the NBIRTH, so no need to wait for each.
        births.push(
          client.publishAsync(
            `spBv1.0/${prefix}/DBIRTH/edge-${c}/g${device}`,
            Buffer.from(
              tahu.encodePayload({
                timestamp: Date.now(),
                seq: device + 1,
                metrics: [
                  { name: 'waterLevel_m', alias: 1, type: 'Double', value: 0 },
                  { name: 'battery_pct', alias: 2, type: 'Double', value: 80 },
                  { name: 'Properties/Longitude', type: 'Double', value: TOWN_POINT.lng },
                  { name: 'Properties/Latitude', type: 'Double', value: TOWN_POINT.lat },
                ],
              }),
            ),
            { qos: 1 },
          ),
        );
      }
      await Promise.all(births);
    }),
  );
}

/**
 * Publishes for `seconds` with at most WINDOW unacknowledged messages per client (and, when given,
 * `room()` as a global cap); returns acknowledged messages and elapsed seconds.
 */
async function publishFor(clients, kind, prefix, seconds, room = () => Infinity) {
  let acked = 0;
  let sent = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    clients.map(async (client, c) => {
      let inFlight = 0;
      let n = 0;
      let wake;
      while (performance.now() < deadline) {
        while (inFlight < WINDOW && room(sent) > 0 && performance.now() < deadline) {
          const { topic, payload } = message(kind, prefix, c, (n += 1));
          inFlight += 1;
          sent += 1;
          client.publish(topic, payload, { qos: 1 }, (error) => {
            inFlight -= 1;
            if (!error) acked += 1;
            wake?.();
          });
        }
        await new Promise((resolve) => {
          wake = resolve;
          setTimeout(resolve, 5);
        });
      }
      while (inFlight > 0) await sleep(5);
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  // The publishers share the machine with the server: how busy they kept one core.
  const load = ((cpu.user + cpu.system) / 1e6 / elapsed) * 100;
  return { acked, sent, elapsed, publisherLoad: `${load.toFixed(0)} % of a core` };
}

const connectAll = (url, options) =>
  Promise.all(
    Array.from({ length: CLIENTS }, (_, c) =>
      mqtt.connectAsync(url, { clientId: `bench-${tag}-${c}`, reconnectPeriod: 0, ...options }),
    ),
  );

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]) : NaN;
};

const results = [];
const machine = `${cpus().length} × ${cpus()[0].model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
console.log(
  `machine: ${machine}; load average before: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);

// 1 + 3. Embedded broker.
{
  const mqttPort = await freePort();
  const server = await startServer({ MQTT_PORT: String(mqttPort), MQTT_USERS: 'bench:bench-password' });
  const clients = await connectAll(`mqtt://127.0.0.1:${mqttPort}`, { username: 'bench', password: 'bench-password' });
  await births(clients, 'bench');
  for (const kind of ['json', 'sparkplug']) {
    const before = (await server.health()).checks.pipeline.stored;
    const cpuBefore = await server.cpuSeconds();
    const run = await publishFor(clients, kind, 'bench', SECONDS);
    const cpu = ((await server.cpuSeconds()) - cpuBefore) / run.acked;
    const stored = (await server.health()).checks.pipeline.stored - before;
    const rate = run.acked / run.elapsed;
    console.log(
      `embedded broker, ${kind}: ${run.acked} messages acknowledged (= durable) in ${run.elapsed.toFixed(1)} s = ${rate.toFixed(0)} msg/s; warehouse +${stored} events; server CPU ${(cpu * 1e6).toFixed(0)} µs/msg; publishers ${run.publisherLoad} (${CLIENTS} clients × ${WINDOW} in flight)`,
    );
    results.push({
      what: `MQTT QoS 1 ${kind} → embedded broker → chDB`,
      figure: `${rate.toFixed(0)} msg/s, server CPU ${(cpu * 1e6).toFixed(0)} µs/msg`,
    });
  }

  // Steady rate: every message's PUBLISH → its delta on /live (ids are known: JSON bodies carry them).
  const socket = io(`${server.url}/live`, { transports: ['websocket'] });
  const sentAt = new Map();
  const latencies = [];
  socket.on('delta', (m) => {
    if (m.channel !== 'events') return;
    const now = performance.now();
    for (const e of m.data.events) {
      const t = sentAt.get(e.id);
      if (t !== undefined) {
        latencies.push(now - t);
        sentAt.delete(e.id);
      }
    }
  });
  await new Promise((r) => socket.on('connect', r));
  socket.emit('subscribe', { channel: 'events' });
  await sleep(200);
  const perTick = Math.max(1, Math.round(RATE / 200)); // every 5 ms
  const end = performance.now() + RATE_SECONDS * 1000;
  let n = 0;
  const acks = [];
  for (let next = performance.now(); next < end; next += 5) {
    const wait = next - performance.now();
    if (wait > 0) await sleep(wait);
    for (let i = 0; i < perTick; i++) {
      n += 1;
      const id = `lat-${tag}-${n}`;
      const client = clients[n % clients.length];
      sentAt.set(id, performance.now());
      const body = JSON.stringify({ id, ts: Date.now(), metrics: { n }, location: TOWN_POINT });
      acks.push(client.publishAsync(`zhongshu/bench/devices/lat-${n % 50}/telemetry`, body, { qos: 1 }));
    }
  }
  await Promise.all(acks);
  await sleep(1000);
  socket.close();
  const figure = `p50 ${percentile(latencies, 50)} / p95 ${percentile(latencies, 95)} / p99 ${percentile(latencies, 99)} ms`;
  console.log(
    `embedded broker, steady ${RATE} msg/s for ${RATE_SECONDS} s (${n} sent): PUBLISH → delta on /live ${figure} (n=${latencies.length})`,
  );
  results.push({ what: `MQTT PUBLISH → live publish at ${RATE} msg/s steady`, figure });
  await Promise.all(clients.map((client) => client.endAsync()));
  await server.stop();
}

// 2. Mosquitto → MqttAdapter.
if (!SKIP_MOSQUITTO) {
  const clientId = `zs-bench-${tag}`;
  const prefix = `bench${tag}`;
  const server = await startServer({
    MQTT_URL: MOSQUITTO,
    MQTT_CLIENT_ID: clientId,
    MQTT_TENANT: prefix,
    MQTT_SPARKPLUG_GROUP: prefix,
  });
  const clients = await connectAll(MOSQUITTO, {});
  await births(clients, prefix);
  await sleep(500);
  for (const kind of ['json', 'sparkplug']) {
    // Mosquitto drops QoS 1 messages beyond max_queued_messages (default 1000) queued for a slow client, so
    // publishers keep what is sent but not yet stored under the adapter's receive maximum (10,000), less a
    // margin for the 50 ms the stored count can lag (at 17,000 msg/s: 850). A shortfall is the broker's drop.
    const base = await mqttStats(server);
    const cpuBefore = await server.cpuSeconds();
    const done = () => base.accepted + base.duplicates + base.rejected;
    let stored = 0;
    let polling = true;
    const poll = (async () => {
      while (polling) {
        const s = await mqttStats(server);
        stored = s.accepted + s.duplicates + s.rejected - done();
        await sleep(50);
      }
    })();
    const started = performance.now();
    const run = await publishFor(clients, kind, prefix, SECONDS, (sent) => 8_500 - (sent - stored));
    while (stored < run.sent && performance.now() - started < (SECONDS + 30) * 1000) await sleep(20);
    const elapsed = (performance.now() - started) / 1000;
    polling = false;
    await poll;
    const cpu = ((await server.cpuSeconds()) - cpuBefore) / stored;
    const rate = stored / elapsed;
    console.log(
      `Mosquitto → MqttAdapter, ${kind}: ${stored} of ${run.sent} messages in the warehouse after ${elapsed.toFixed(1)} s = ${rate.toFixed(0)} msg/s; server CPU ${(cpu * 1e6).toFixed(0)} µs/msg; publishers ${run.publisherLoad}`,
    );
    results.push({
      what: `MQTT QoS 1 ${kind} → Mosquitto → adapter → chDB`,
      figure: `${rate.toFixed(0)} msg/s, server CPU ${(cpu * 1e6).toFixed(0)} µs/msg${stored < run.sent ? `; ${run.sent - stored} dropped by Mosquitto (max_queued_messages)` : ''}`,
    });
  }
  await Promise.all(clients.map((client) => client.endAsync()));
  await server.stop();
  // Leave no persistent session behind on the shared Mosquitto.
  const cleanup = await mqtt.connectAsync(MOSQUITTO, { clientId, clean: true, protocolVersion: 5, reconnectPeriod: 0 });
  await cleanup.endAsync();
}

console.log(
  `load average after: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}\n`,
);
const day = new Date().toISOString().slice(0, 10);
for (const { what, figure } of results) console.log(`| ${day} | ${what} | ${figure} | ${machine} |`);
