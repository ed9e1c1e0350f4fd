import { fork, type ChildProcess } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedMqttBroker } from './embedded-mqtt.broker';
import { MqttAdapter } from './mqtt.adapter';
import { runTag } from './mqtt-test.clients';
import { MemoryIngestSink } from '../shared/memory-ingest.sink';

const MESSAGES = Number(process.env.MQTT_BENCH_MESSAGES ?? 10_000);
const PUBLISHERS = Number(process.env.MQTT_BENCH_PUBLISHERS ?? 2);
const INGEST = { username: 'ingest', password: 'ingest-secret' };
const GATEWAY = { username: 'gateway', password: 'gateway-secret' };

// A device fleet in another process, as in the field: QoS 1 JSON telemetry as fast as the broker takes it.
const PUBLISHER = `
const mqtt = require(${JSON.stringify(require.resolve('mqtt'))});
const [url, username, password, from, count, tag] = process.argv.slice(2);
const client = mqtt.connect(url, { username, password, reconnectPeriod: 0 });
client.on('error', (e) => { console.error(e); process.exit(1); });
client.on('connect', async () => {
  const sends = [];
  for (let n = Number(from); n < Number(from) + Number(count); n++) {
    sends.push(client.publishAsync('zhongshu/' + tag + '/devices/d' + (n % 500) + '/telemetry',
      JSON.stringify({ metrics: { n, level: n % 97 } }), { qos: 1 }));
  }
  await Promise.all(sends);
  await client.endAsync();
  process.exit(0);
});
`;

describe('MqttAdapter throughput (embedded broker → recording sink)', () => {
  const broker = new EmbeddedMqttBroker({
    port: 0,
    users: [
      { ...INGEST, publish: [], subscribe: ['spBv1.0/#', 'zhongshu/+/devices/+/+'] },
      { ...GATEWAY, publish: ['zhongshu/#'], subscribe: [] },
    ],
  });
  const script = join(tmpdir(), `mqtt-publisher-${runTag()}.cjs`);
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    writeFileSync(script, PUBLISHER);
    await broker.start();
  });

  afterAll(async () => {
    for (const child of children) child.kill();
    rmSync(script, { force: true });
    await broker.stop();
  });

  it(`batches: ${MESSAGES} QoS 1 messages, each acknowledged only after a 20 ms "warehouse write"`, async () => {
    const sink = new MemoryIngestSink();
    sink.latencyMs = 20;
    const adapter = new MqttAdapter({ url: broker.url, ...INGEST, clientId: `bench-${runTag()}`, sink });
    await adapter.start();
    const tag = `bench${runTag()}`;
    const started = performance.now();
    const cpu = process.cpuUsage();
    const share = Math.ceil(MESSAGES / PUBLISHERS);
    const exits = Array.from({ length: PUBLISHERS }, (_, i) => {
      const child = fork(script, [
        broker.url,
        GATEWAY.username,
        GATEWAY.password,
        String(i * share),
        String(Math.min(share, MESSAGES - i * share)),
        tag,
      ]);
      children.push(child);
      return new Promise<number | null>((resolve) => child.once('exit', resolve));
    });
    await sink.until(() => sink.stored.length === MESSAGES, 120_000);
    const seconds = (performance.now() - started) / 1000;
    const { user, system } = process.cpuUsage(cpu);
    expect(await Promise.all(exits)).toEqual(exits.map(() => 0));
    await expect.poll(() => adapter.counters.stats().lagMs).toBe(0);
    const rate = Math.round(MESSAGES / seconds);
    console.log(
      `[mqtt bench] ${MESSAGES} msgs in ${seconds.toFixed(2)} s = ${rate} msg/s; ` +
        `${Math.round((user + system) / MESSAGES)} µs CPU per message in this process (aedes + adapter + sink); ` +
        `${sink.submitCalls} submits (avg ${Math.round(MESSAGES / sink.submitCalls)} per batch)`,
    );
    await adapter.stop();
    // Speed belongs to `npm run bench`; what a test can hold is the shape: acknowledging one message
    // per submit (20 ms each) would need one submit per message, batching needs far fewer.
    expect(sink.submitCalls).toBeLessThan(MESSAGES / 10);
  });
});
