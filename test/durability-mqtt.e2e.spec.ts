import { connectAsync, type MqttClient } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import type { CityEvent } from '@zhongshu/stream';
import { hotlineTicket, postEvents } from './support/events';
import { adminHeaders, mqttReady } from './support/mqtt';
import { freePort, startZhongshu, type ZhongshuProcess } from './support/zhongshu-process';

/**
 * kill -9 under sustained MQTT QoS 1 (and HTTP) load, restart on the same DATA_DIR: every message a
 * publisher was told is safe is stored exactly once.
 *
 * Site broker (Mosquitto): the publisher's PUBACK comes from Mosquitto, not from us, so it proves
 * nothing about our process by itself. What carries our guarantee is the adapter's persistent
 * session (fixed client id, clean: false) and that it acknowledges a message to Mosquitto only once
 * the warehouse has it: Mosquitto then keeps every message we had not acknowledged when we died and
 * hands it to the restarted process. If the adapter acknowledged early, the messages it held in
 * memory at the kill would be acknowledged, gone from Mosquitto and missing here. The test also
 * checks the kill really caught messages in flight (the restarted process receives some: publishers
 * had stopped, so those can only be redeliveries), otherwise it would prove nothing.
 *
 * Embedded broker: there the device's PUBACK is ours and is sent only once the event is durable, so
 * every PUBACK the publishers received must be matched by a stored event after the kill.
 */

const MOSQUITTO = 'mqtt://127.0.0.1:1883';
const DEMO_PASSWORD = 'e2e-demo-password';
const tag = `${Date.now().toString(36)}${process.pid.toString(36)}`;

let processes: ZhongshuProcess[] = [];
afterEach(async () => {
  await Promise.all(processes.map((zs) => zs.stop()));
  processes = [];
});
const start = async (options: Parameters<typeof startZhongshu>[0]) => {
  const zs = await startZhongshu(options);
  processes.push(zs);
  return zs;
};

/**
 * QoS 1 publishers at a steady pace (about 1,500 msg/s in all, below what the process takes, so the
 * broker never has to queue beyond its limits). Each message carries its own event id; `acked`
 * collects those whose PUBACK arrived.
 */
function mqttLoad(
  clients: MqttClient[],
  topicOf: (client: number, n: number) => string,
  prefix: string,
  /** How many more may be sent now (default: no limit beyond the steady pace). */
  room: (sent: number) => number = () => Infinity,
) {
  const acked = new Set<string>();
  let sending = true;
  let sent = 0;
  const loops = clients.map(async (client, c) => {
    let inFlight = 0;
    for (let n = 0; sending; n++) {
      if (inFlight < 300 && room(sent) > 0) {
        for (let burst = 0; burst < 15; burst++) {
          const id = `${prefix}-${c}-${n}-${burst}`;
          const body = JSON.stringify({ id, ts: Date.now(), metrics: { n: n * 15 + burst } });
          inFlight += 1;
          sent += 1;
          client.publish(topicOf(c, n), body, { qos: 1 }, (error) => {
            inFlight -= 1;
            if (!error) acked.add(id);
          });
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });
  return {
    acked,
    sent: () => sent,
    stop: async () => {
      sending = false;
      await Promise.all(loops);
    },
  };
}

/**
 * With a site broker the publishers' PUBACKs do not wait for us: on a slow machine they could run so
 * far ahead that Mosquitto's queue for our session overflows (it drops beyond max_queued_messages,
 * 1000, past the 10,000 in flight). Keep what is sent but not yet acknowledged by us under 8,000.
 */
function adapterPace(zs: ZhongshuProcess) {
  let taken = 0;
  let polling = true;
  const poll = (async () => {
    while (polling) {
      try {
        // Acknowledged to Mosquitto (one event per message): what it no longer holds for us.
        const stats = await mqttCounters(zs, {});
        taken = stats.accepted + stats.duplicates + stats.rejected;
      } catch {
        return; // the process is gone
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    room: (sent: number) => 8_000 - (sent - taken),
    stop: async () => {
      polling = false;
      await poll;
    },
  };
}

/** Waits until `enough()` (at least 1 s, at most 60 s): the kill must hit a stream in full flow. */
async function loadUnderWay(enough: () => boolean): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < 1_000 || (!enough() && Date.now() - started < 60_000)) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** HTTP batches until the process dies; only ids answered `stored` count as acknowledged. */
function httpLoad(url: string) {
  const acked: string[] = [];
  let sending = true;
  const writers = Array.from({ length: 2 }, async () => {
    while (sending) {
      try {
        const { status, body } = await postEvents(
          url,
          Array.from({ length: 50 }, () => hotlineTicket()),
        );
        if (status === 200) for (const item of body.items) if (item.status === 'stored') acked.push(item.id!);
      } catch {
        return; // the process is gone
      }
    }
  });
  return {
    acked,
    stop: async () => {
      sending = false;
      await Promise.all(writers);
    },
  };
}

/** Every id of a source family, read in overlapping pages by time so no list limit caps the check. */
async function allIds(zs: ZhongshuProcess, headers: Record<string, string>, source: string): Promise<Set<string>> {
  const ids = new Set<string>();
  let to = new Date(Date.now() + 60_000);
  for (;;) {
    const query = new URLSearchParams({ source, limit: '1000', to: to.toISOString() });
    const page = await fetch(`${zs.url}/api/v1/events?${query}`, { headers }).then(
      (r) => r.json() as Promise<CityEvent[]>,
    );
    const before = ids.size;
    for (const event of page) ids.add(event.id);
    if (page.length < 1000 || ids.size === before) return ids;
    to = new Date(Date.parse(page[page.length - 1].time) + 1);
  }
}

async function totals(zs: ZhongshuProcess, headers: Record<string, string>) {
  const overview = await fetch(`${zs.url}/api/v1/kpis/overview`, { headers }).then(
    (r) => r.json() as Promise<{ totals: Partial<Record<string, number>> }>,
  );
  return overview.totals;
}

async function mqttCounters(zs: ZhongshuProcess, headers: Record<string, string>) {
  const health = await fetch(`${zs.url}/api/health`, { headers }).then(
    (r) =>
      r.json() as Promise<{
        adapters: Array<{ adapter: string; received: number; accepted: number; duplicates: number; rejected: number }>;
      }>,
  );
  return health.adapters.find((adapter) => adapter.adapter === 'mqtt')!;
}

/** Waits until every id in `expected` is among the stored ones (redelivery takes a moment). */
async function storedSoon(zs: ZhongshuProcess, headers: Record<string, string>, expected: Iterable<string>) {
  const wanted = [...expected];
  const deadline = Date.now() + 60_000;
  for (;;) {
    const stored = await allIds(zs, headers, 'device');
    const missing = wanted.filter((id) => !stored.has(id));
    if (missing.length === 0 || Date.now() > deadline) return { stored, missing };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

describe('MQTT + HTTP under kill -9', () => {
  it('site broker: every message Mosquitto accepted and every HTTP 2xx is stored exactly once after the crash', async () => {
    const clientId = `zs-crash-${tag}`;
    const tenant = `crash-${tag}`;
    const env = {
      MQTT_URL: MOSQUITTO,
      MQTT_CLIENT_ID: clientId,
      MQTT_TENANT: tenant,
      MQTT_SPARKPLUG_GROUP: `Crash${tag}`,
      DEMO_PASSWORD,
    };
    let zs = await start({ env });
    await mqttReady(zs);
    const { dataDir, port } = zs;
    const publishers = await Promise.all(
      [0, 1].map((c) => connectAsync(MOSQUITTO, { clientId: `crash-pub-${tag}-${c}`, reconnectPeriod: 0 })),
    );
    try {
      const pace = adapterPace(zs);
      const topic = (c: number, n: number) => `zhongshu/${tenant}/devices/d${c}-${n % 20}/telemetry`;
      const mqtt = mqttLoad(publishers, topic, 'm', pace.room);
      const http = httpLoad(zs.url);
      // Kill mid-stream once both loads are well under way (a busy machine takes longer to get there).
      await loadUnderWay(() => mqtt.acked.size >= 1_500 && http.acked.length >= 200);
      // Publishers stop with the kill: while we are down Mosquitto queues for our session, and its
      // default max_queued_messages (1000) would drop a longer stream; that is the broker's limit.
      const stopping = mqtt.stop();
      await zs.kill();
      await Promise.all([stopping, http.stop(), pace.stop()]);
      // Mosquitto answers publishers on its own; let the last PUBACKs of what was sent arrive.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(mqtt.acked.size).toBeGreaterThan(1_000);
      expect(http.acked.length).toBeGreaterThan(100);

      zs = await start({ env, dataDir, port });
      await mqttReady(zs);
      const headers = await adminHeaders(zs.url, DEMO_PASSWORD);
      const { stored, missing } = await storedSoon(zs, headers, mqtt.acked);
      expect(missing).toEqual([]);
      // The kill caught messages in flight: the restarted process received messages although every
      // publisher had stopped before it started, so Mosquitto redelivered what we had not acknowledged.
      expect((await mqttCounters(zs, headers)).received).toBeGreaterThan(0);

      const hotline = await allIds(zs, headers, 'hotline');
      expect(http.acked.filter((id) => !hotline.has(id))).toEqual([]);
      // Exactly once: the per-minute view counts every row the warehouse took, duplicates included.
      const counted = await totals(zs, headers);
      expect(counted.device).toBe(stored.size);
      expect(counted.hotline).toBe(hotline.size);

      // A device that publishes the same message again (QoS 1 redelivery) is answered, not stored twice.
      const before = (await mqttCounters(zs, headers)).duplicates;
      const again = [...mqtt.acked].slice(0, 20);
      for (const id of again) {
        const [, c, n, burst] = id.split('-').map(Number);
        const body = JSON.stringify({ id, ts: Date.now(), metrics: { n: n * 15 + burst } });
        await publishers[c].publishAsync(`zhongshu/${tenant}/devices/d${c}-${n % 20}/telemetry`, body, { qos: 1 });
      }
      for (let i = 0; i < 100 && (await mqttCounters(zs, headers)).duplicates < before + again.length; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect((await mqttCounters(zs, headers)).duplicates).toBe(before + again.length);
      expect((await totals(zs, headers)).device).toBe(stored.size);
    } finally {
      await Promise.all(publishers.map((client) => client.endAsync(true)));
      await zs.stop();
      // Leave no persistent session behind on the shared Mosquitto.
      const cleanup = await connectAsync(MOSQUITTO, { clientId, clean: true, protocolVersion: 5, reconnectPeriod: 0 });
      await cleanup.endAsync();
    }
  });

  it('embedded broker: every PUBACK a device received is an event stored exactly once after the crash', async () => {
    const mqttPort = await freePort();
    const env = { MQTT_PORT: String(mqttPort), MQTT_USERS: 'gw-crash:crash-gateway-pass', DEMO_PASSWORD };
    let zs = await start({ env });
    await mqttReady(zs);
    const { dataDir, port } = zs;
    const url = `mqtt://127.0.0.1:${mqttPort}`;
    const account = { username: 'gw-crash', password: 'crash-gateway-pass', reconnectPeriod: 0 };
    const publishers = await Promise.all([0, 1].map(() => connectAsync(url, account)));
    // The broker is in the process we kill: the connections break; what was unanswered is not counted.
    for (const client of publishers) client.on('error', () => undefined);
    try {
      const mqtt = mqttLoad(publishers, (c, n) => `zhongshu/crash/devices/e${c}-${n % 20}/telemetry`, 'e');
      await loadUnderWay(() => mqtt.acked.size >= 1_500);
      const stopping = mqtt.stop();
      await zs.kill();
      await stopping;
      expect(mqtt.acked.size).toBeGreaterThan(1_000);
      // Some were sent but never answered: the kill hit messages in flight.
      expect(mqtt.sent()).toBeGreaterThan(mqtt.acked.size);

      zs = await start({ env, dataDir, port });
      const headers = await adminHeaders(zs.url, DEMO_PASSWORD);
      const stored = await allIds(zs, headers, 'device');
      // No waiting and no redelivery needed: a PUBACK from our broker means it was already stored.
      expect([...mqtt.acked].filter((id) => !stored.has(id))).toEqual([]);
      expect((await totals(zs, headers)).device).toBe(stored.size);
    } finally {
      await Promise.all(publishers.map((client) => client.endAsync(true)));
    }
  });
});
