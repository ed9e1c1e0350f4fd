import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedMqttBroker } from './embedded-mqtt.broker';
import { connectDevice } from './mqtt-test.clients';

/** SUBACK return codes; mqtt.js rejects when any is a failure, with the SUBACK attached. */
async function subackCodes(client: MqttClient, topics: string[]): Promise<number[]> {
  try {
    const granted = await client.subscribeAsync(topics, { qos: 1 });
    return granted.map((grant) => grant.qos);
  } catch (error) {
    const { granted } = (error as { packet: { granted: Array<number | { qos: number }> } }).packet;
    return granted.map((code) => (typeof code === 'number' ? code : code.qos));
  }
}

const users = [
  { username: 'gateway-t1', password: 's3cret-t1', publish: ['zhongshu/t1/#', 'spBv1.0/#'], subscribe: [] },
  { username: 'ingest', password: 'ingest-pw', publish: [], subscribe: ['spBv1.0/#', 'zhongshu/+/devices/+/+'] },
];

describe('EmbeddedMqttBroker (aedes, real TCP)', () => {
  const broker = new EmbeddedMqttBroker({ port: 0, users });
  const clients: MqttClient[] = [];
  let url: string;

  beforeAll(async () => {
    const { port } = await broker.start();
    expect(port).toBeGreaterThan(0);
    expect(port).not.toBe(1883);
    url = broker.url;
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.endAsync(true)));
    await broker.stop();
  });

  const track = (client: MqttClient) => (clients.push(client), client);

  it('refuses a wrong password and an unknown user', async () => {
    await expect(connectDevice(url, { username: 'gateway-t1', password: 'wrong' })).rejects.toThrow(
      /Bad username or password/,
    );
    await expect(connectDevice(url, { username: 'nobody', password: 's3cret-t1' })).rejects.toThrow(
      /Bad username or password/,
    );
    await expect(connectDevice(url)).rejects.toThrow(/Bad username or password/);
    const ok = track(await connectDevice(url, { username: 'gateway-t1', password: 's3cret-t1' }));
    expect(ok.connected).toBe(true);
  });

  it('delivers what the ACL allows and drops a publisher that leaves its topics', async () => {
    const ingest = track(await connectDevice(url, { username: 'ingest', password: 'ingest-pw' }));
    const received: string[] = [];
    ingest.on('message', (topic) => received.push(topic));
    await ingest.subscribeAsync('zhongshu/+/devices/+/+', { qos: 1 });

    const gateway = track(await connectDevice(url, { username: 'gateway-t1', password: 's3cret-t1' }));
    await gateway.publishAsync('zhongshu/t1/devices/d1/telemetry', '{"metrics":{"x":1}}', { qos: 1 });

    const closed = new Promise<void>((resolve) => gateway.once('close', () => resolve()));
    // Outside its filters: MQTT 3.1.1 has no negative PUBACK, so the broker closes the connection.
    gateway.publish('zhongshu/t2/devices/d9/telemetry', '{"metrics":{"x":2}}', { qos: 1 });
    await closed;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(received).toEqual(['zhongshu/t1/devices/d1/telemetry']);
  });

  it('refuses subscriptions outside the ACL in the SUBACK', async () => {
    const gateway = track(await connectDevice(url, { username: 'gateway-t1', password: 's3cret-t1' }));
    expect(await subackCodes(gateway, ['zhongshu/#'])).toEqual([128]);

    const ingest = track(await connectDevice(url, { username: 'ingest', password: 'ingest-pw' }));
    expect(await subackCodes(ingest, ['spBv1.0/+/NDATA/#', 'zhongshu/#', '$SYS/#'])).toEqual([1, 128, 128]);
  });
});
