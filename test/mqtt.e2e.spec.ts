import { connectAsync, type MqttClient } from 'mqtt';
import { get as sparkplugNamespace } from 'sparkplug-payload';
import type { UPayload } from 'sparkplug-payload/lib/sparkplugbpayload';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CityEvent, DeadLetter } from '@zhongshu/stream';
import { adminHeaders, mqttReady } from './support/mqtt';
import { freePort, startZhongshu, type ZhongshuProcess } from './support/zhongshu-process';

/**
 * The "done when" for MQTT, against the real process: a third-party Sparkplug B edge node
 * (plain mqtt.js + Eclipse Tahu's encoder, nothing of ours) publishing to the local Mosquitto shows
 * up in GET /api/v1/events and on the wall's live channel within a second; malformed input of
 * every kind lands in the dead letters with a reason while the process stays up. Then the embedded
 * broker: accounts, ACLs, and a device's PUBACK meaning the event is already stored.
 */

const MOSQUITTO = 'mqtt://127.0.0.1:1883';
const DEMO_PASSWORD = 'e2e-demo-password';
const tahu = sparkplugNamespace('spBv1.0')!;
const sparkplug = (payload: UPayload) => Buffer.from(tahu.encodePayload(payload));
const tag = `${Date.now().toString(36)}${process.pid.toString(36)}`;

async function getJson<T>(zs: ZhongshuProcess, headers: Record<string, string>, path: string): Promise<T> {
  const response = await fetch(`${zs.url}${path}`, { headers });
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** Polls until `find` returns something or the deadline passes; returns it with when it was seen. */
async function until<T>(deadlineMs: number, find: () => Promise<T | undefined>): Promise<{ found?: T; at: number }> {
  const end = performance.now() + deadlineMs;
  for (;;) {
    const found = await find();
    if (found !== undefined || performance.now() > end) return { found, at: performance.now() };
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The ids the wall's live channel delivered, with when each arrived. */
function watchLive(url: string, token: string | undefined): { socket: Socket; seen: Map<string, number> } {
  const socket = io(`${url}/live`, { transports: ['websocket'], ...(token ? { auth: { token } } : {}) });
  const seen = new Map<string, number>();
  socket.on('connect', () => socket.emit('subscribe', { channel: 'events' }));
  socket.on('delta', (message: { channel: string; data: { events: Array<{ id: string }> } }) => {
    if (message.channel !== 'events') return;
    for (const event of message.data.events) seen.set(event.id, performance.now());
  });
  return { socket, seen };
}

describe('MQTT on a site broker (the local Mosquitto)', () => {
  const group = `E2E${tag}`;
  const tenant = `e2e-${tag}`;
  const edge = 'Station7';
  let zs: ZhongshuProcess;
  let headers: Record<string, string>;
  let live: ReturnType<typeof watchLive>;
  const clients: MqttClient[] = [];

  beforeAll(async () => {
    zs = await startZhongshu({
      env: {
        MQTT_URL: MOSQUITTO,
        MQTT_CLIENT_ID: `zs-e2e-${tag}`,
        MQTT_TENANT: tenant,
        MQTT_SPARKPLUG_GROUP: group,
        DEMO_PASSWORD,
      },
    });
    await mqttReady(zs);
    headers = await adminHeaders(zs.url, DEMO_PASSWORD);
    live = watchLive(zs.url, headers.authorization?.slice('Bearer '.length));
    await new Promise<void>((resolve) => live.socket.once('snapshot', () => resolve()));
  });

  afterAll(async () => {
    live?.socket.close();
    await Promise.all(clients.map((client) => client.endAsync(true)));
    await zs?.stop();
    // Leave no persistent session behind on the shared Mosquitto.
    const cleanup = await connectAsync(MOSQUITTO, {
      clientId: `zs-e2e-${tag}`,
      clean: true,
      protocolVersion: 5,
      reconnectPeriod: 0,
    });
    await cleanup.endAsync();
  });

  async function thirdPartyClient(clientId: string): Promise<MqttClient> {
    const client = await connectAsync(MOSQUITTO, { clientId, clean: true, reconnectPeriod: 0 });
    clients.push(client);
    return client;
  }

  it('shows a third-party Sparkplug B edge node in GET /api/v1/events and on the wall within a second', async () => {
    const node = await thirdPartyClient(`edge-${tag}`);
    const t0 = Date.now();
    await node.publishAsync(
      `spBv1.0/${group}/NBIRTH/${edge}`,
      sparkplug({ timestamp: t0, seq: 0, metrics: [{ name: 'bdSeq', type: 'UInt64', value: 0 }] }),
      { qos: 1 },
    );
    await node.publishAsync(
      `spBv1.0/${group}/DBIRTH/${edge}/Gauge1`,
      sparkplug({
        timestamp: t0 + 1,
        seq: 1,
        metrics: [
          { name: 'waterLevel_m', alias: 7, type: 'Float', value: 0.25 },
          { name: 'Properties/Longitude', type: 'Double', value: 110.29 },
          { name: 'Properties/Latitude', type: 'Double', value: 20.02 },
        ],
      }),
      { qos: 1 },
    );
    const sentAt = performance.now();
    const ts = t0 + 2;
    await node.publishAsync(
      `spBv1.0/${group}/DDATA/${edge}/Gauge1`,
      sparkplug({ timestamp: ts, seq: 2, metrics: [{ alias: 7, type: 'Float', value: 1.5 }] }),
      { qos: 1 },
    );
    const id = `spb:${group}/${edge}/Gauge1:DDATA:${ts}:2:data`;

    const { found, at } = await until(1_000, async () => {
      const events = await getJson<CityEvent[]>(zs, headers, '/api/v1/events?source=device&limit=50');
      return events.find((event) => event.id === id);
    });
    expect(found, `${id} not in GET /api/v1/events within 1 s`).toBeDefined();
    expect(at - sentAt).toBeLessThan(1_000);
    expect(found).toMatchObject({
      type: 'cn.zhongshu.device.telemetry.v1',
      source: `/mqtt/spBv1.0/${group}/${edge}`,
      location: { lng: 110.29, lat: 20.02 },
      // Enriched by the pipeline from the birth's position: 秀英区, a town and a grid.
      region: { code: '460105', town: { code: expect.stringMatching(/^460105\d{3}$/) as string } },
      data: { deviceId: `${group}:${edge}:Gauge1`, deviceType: 'sensor', metrics: { waterLevel_m: 1.5 } },
    });
    const onWall = await until(1_000, () => Promise.resolve(live.seen.get(id)));
    expect(onWall.found, `${id} not on the live channel within 1 s`).toBeDefined();
    expect(onWall.found! - sentAt).toBeLessThan(1_000);
  });

  it('dead-letters malformed input of every kind with a reason and the raw bytes, and stays up', async () => {
    const node = await thirdPartyClient(`bad-edge-${tag}`);
    const garbage = Buffer.from([0xff, 0xff, 0x00, 0x13, 0x37]);
    const malformed: Array<[topic: string, payload: Buffer, reason: RegExp]> = [
      [`spBv1.0/${group}/NDATA/${edge}`, garbage, /^undecodable Sparkplug B payload/],
      [`spBv1.0/${group}/DDATA/${edge}`, sparkplug({ timestamp: Date.now() }), /^malformed Sparkplug topic/],
      [`zhongshu/${tenant}/devices/wl-1/telemetry`, Buffer.from('{"metrics": {"x": 1'), /^invalid JSON on/],
      [`zhongshu/${tenant}/devices/wl-1/telemetry`, Buffer.from('{"metrics": "high"}'), /^invalid telemetry body/],
      [`zhongshu/${tenant}/devices/wl-1/alarm`, Buffer.from('{}'), /^malformed topic/],
      [`zhongshu/${tenant}/devices/wl-1/event`, Buffer.from('{"specversion":"1.0"}'), /^invalid event from/],
    ];
    for (const [topic, payload] of malformed) await node.publishAsync(topic, payload, { qos: 1 });

    const { found: letters } = await until(3_000, async () => {
      const all = await getJson<DeadLetter[]>(zs, headers, '/api/v1/dead-letters?limit=1000');
      const ours = all.filter((letter) => letter.origin.includes(group) || letter.origin.includes(tenant));
      return ours.length >= malformed.length ? ours : undefined;
    });
    expect(letters).toHaveLength(malformed.length);
    for (const [topic, payload, reason] of malformed) {
      const letter = letters!.find(
        (candidate) => candidate.origin === `mqtt:${topic}` && Buffer.from(candidate.raw, 'base64').equals(payload),
      );
      expect(letter, topic).toBeDefined();
      expect(letter!.encoding).toBe('base64');
      expect(letter!.reason).toMatch(reason);
    }

    // Replay goes through the MQTT decoders (not the generic JSON replay) and says why it still fails.
    const replay = await fetch(`${zs.url}/api/v1/dead-letters/${letters![0].id}/replay`, {
      method: 'POST',
      headers,
    }).then((response) => response.json() as Promise<{ outcome: string; items: Array<{ reason?: string }> }>);
    expect(replay.outcome).toBe('rejected');
    expect(replay.items[0].reason).not.toContain('needs its adapter');

    // Still up, still connected, still taking good data.
    const health = await getJson<{ adapters: Array<{ adapter: string; connected?: boolean; rejected: number }> }>(
      zs,
      headers,
      '/api/health',
    );
    const mqtt = health.adapters.find((adapter) => adapter.adapter === 'mqtt');
    expect(mqtt).toMatchObject({ connected: true });
    expect(mqtt!.rejected).toBeGreaterThanOrEqual(malformed.length);
    await node.publishAsync(`zhongshu/${tenant}/devices/wl-1/status`, JSON.stringify({ status: 'fault' }), { qos: 1 });
    const { found: fault } = await until(3_000, async () => {
      const events = await getJson<CityEvent[]>(zs, headers, '/api/v1/events?source=device&limit=50');
      return events.find((event) => event.subject === 'wl-1' && event.source === `/mqtt/${tenant}`);
    });
    expect(fault).toMatchObject({ severity: 'major', data: { status: 'fault' } });
    const metrics = await fetch(`${zs.url}/metrics`, { headers }).then((response) => response.text());
    expect(metrics).toMatch(/zhongshu_adapter_rejected_total\{adapter="mqtt"\} ([6-9]|\d{2,})/);
    expect(metrics).toContain('zhongshu_adapter_connected{adapter="mqtt"} 1');
  });
});

describe('MQTT on the embedded broker (MQTT_URL unset)', () => {
  let zs: ZhongshuProcess;
  let headers: Record<string, string>;
  let brokerUrl: string;
  const clients: MqttClient[] = [];

  beforeAll(async () => {
    const mqttPort = await freePort();
    brokerUrl = `mqtt://127.0.0.1:${mqttPort}`;
    zs = await startZhongshu({
      env: {
        MQTT_PORT: String(mqttPort),
        MQTT_USERS: 'gw-xiuying:gateway-pass:spBv1.0/xiuying/#;zhongshu/xiuying/#',
        DEMO_PASSWORD,
      },
    });
    await mqttReady(zs);
    headers = await adminHeaders(zs.url, DEMO_PASSWORD);
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.endAsync(true)));
    await zs?.stop();
  });

  const device = async () => {
    const client = await connectAsync(brokerUrl, {
      username: 'gw-xiuying',
      password: 'gateway-pass',
      clientId: `gw-${tag}-${clients.length}`,
      reconnectPeriod: 0,
    });
    clients.push(client);
    return client;
  };

  it('announces the broker at start and refuses unknown accounts', async () => {
    expect(zs.output()).toContain(`MQTT: embedded broker ${brokerUrl}`);
    await expect(
      connectAsync(brokerUrl, { username: 'gw-xiuying', password: 'wrong-password', reconnectPeriod: 0 }),
    ).rejects.toThrow(/Bad username or password/);
  });

  it("answers a device's PUBLISH only once the event is stored: it is readable the moment the PUBACK arrives", async () => {
    const gateway = await device();
    const body = { ts: Date.now(), metrics: { waterLevel_m: 0.61 }, location: { lng: 110.29, lat: 20.02 } };
    await gateway.publishAsync(`zhongshu/xiuying/devices/wl-${tag}/telemetry`, JSON.stringify(body), { qos: 1 });
    const events = await getJson<CityEvent[]>(zs, headers, '/api/v1/events?source=device&limit=20');
    expect(events.find((event) => event.subject === `wl-${tag}`)).toMatchObject({
      source: '/mqtt/xiuying',
      data: { metrics: { waterLevel_m: 0.61 } },
      region: { code: '460105' },
    });
  });

  it('closes the connection of a device that publishes outside its ACL, and stores nothing from it', async () => {
    const gateway = await device();
    const closed = new Promise<void>((resolve) => gateway.once('close', () => resolve()));
    gateway.publish(`zhongshu/another-tenant/devices/x-${tag}/telemetry`, '{"metrics":{"x":1}}', { qos: 1 });
    await closed;
    const events = await getJson<CityEvent[]>(zs, headers, '/api/v1/events?source=device&limit=50');
    expect(events.some((event) => event.subject === `x-${tag}`)).toBe(false);
  });
});

describe('the simulated fleet over MQTT (SIMULATE=1, embedded broker)', () => {
  let zs: ZhongshuProcess;

  afterAll(async () => {
    await zs?.stop();
  });

  it('publishes Sparkplug B and JSON devices through the embedded broker into placed device events', async () => {
    zs = await startZhongshu({
      env: { SIMULATE: '1', SIMULATOR_RATE: '6000', MQTT_PORT: '0', DEMO_PASSWORD },
    });
    await mqttReady(zs);
    const headers = await adminHeaders(zs.url, DEMO_PASSWORD);
    expect(zs.output()).toMatch(/MQTT: embedded broker mqtt:\/\/127\.0\.0\.1:\d+, .*simulator \(password \S+, made up/);
    const { found } = await until(30_000, async () => {
      const events = await getJson<CityEvent[]>(zs, headers, '/api/v1/events?source=device&limit=500');
      const sparkplug = events.filter((event) => event.source.startsWith('/mqtt/spBv1.0/haikou-xiuying/iot-'));
      const json = events.filter((event) => event.source === '/mqtt/haikou-xiuying');
      return sparkplug.length > 0 && json.length > 0 ? { sparkplug, json } : undefined;
    });
    expect(found, 'no Sparkplug and JSON device events within 30 s').toBeDefined();
    const readings = [...found!.sparkplug, ...found!.json].filter(
      (event) => event.type === 'cn.zhongshu.device.telemetry.v1' && event.subject?.includes('460105-'),
    );
    expect(readings.length).toBeGreaterThan(0);
    // The fleet's devices keep their place on the map (Sparkplug: from the birth; JSON: in the body).
    for (const event of readings) expect(event.region?.town?.code, event.id).toMatch(/^460105\d{3}$/);

    const health = await getJson<{ adapters: Array<{ adapter: string; received: number; rejected: number }> }>(
      zs,
      headers,
      '/api/health',
    );
    expect(health.adapters.find((adapter) => adapter.adapter === 'mqtt')).toMatchObject({ rejected: 0 });
    expect(health.adapters.find((adapter) => adapter.adapter === 'mqtt')!.received).toBeGreaterThan(0);
  });
});
