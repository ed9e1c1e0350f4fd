import type { CityEventInput } from '@zhongshu/stream';
import { connect, type IClientOptions, type MqttClient } from 'mqtt';
import { DeviceMqttPlanner, JSON_DEVICES_CONNECTION, type DeviceMqttPlannerOptions } from './device-mqtt.planner';

export interface MqttDevicePublisherOptions extends DeviceMqttPlannerOptions {
  /** The broker the adapter reads: the embedded one, or the site's `MQTT_URL`. */
  url: string;
  username?: string;
  password?: string;
  /** Client ids are `{clientIdPrefix}-{connection}`; one connection per edge node, one for JSON devices. */
  clientIdPrefix: string;
  /** How long a publish may wait for its first connection before the batch fails. Default 30 s. */
  connectTimeoutMs?: number;
}

/**
 * The simulated field kit on the wire: one MQTT connection per Sparkplug edge node (with its NDEATH
 * as the will, as Sparkplug B requires) and one for the plain JSON devices, all QoS 1. `publish`
 * resolves when the broker acknowledged every message of the batch, so the simulator's next tick
 * waits for a slow broker or pipeline instead of piling messages up.
 */
export class MqttDevicePublisher {
  private readonly planner: DeviceMqttPlanner;
  private readonly clients = new Map<string, Promise<MqttClient>>();
  private stopped = false;

  constructor(private readonly options: MqttDevicePublisherOptions) {
    this.planner = new DeviceMqttPlanner(options);
  }

  /** For `ProtocolFeed`'s `devices`: device events only. */
  readonly publish = async (events: readonly CityEventInput[]): Promise<void> => {
    if (this.stopped) throw new Error('the simulated devices are stopped');
    const messages = this.planner.plan(events);
    await Promise.all(
      messages.map(async ({ connection, topic, payload }) => {
        const client = await this.client(connection);
        await client.publishAsync(topic, payload, { qos: 1 });
      }),
    );
  };

  /** Disconnects cleanly (no will fires: the gateways are switched off, not lost). */
  async stop(): Promise<void> {
    this.stopped = true;
    const clients = await Promise.allSettled(this.clients.values());
    this.clients.clear();
    const connected = clients.flatMap((settled) => (settled.status === 'fulfilled' ? [settled.value] : []));
    await Promise.all(connected.map((client) => client.endAsync()));
  }

  private client(connection: string): Promise<MqttClient> {
    let client = this.clients.get(connection);
    if (!client) {
      client = this.connect(connection);
      this.clients.set(connection, client);
      // A failed first connection is retried by the next batch.
      client.catch(() => this.clients.delete(connection));
    }
    return client;
  }

  private connect(connection: string): Promise<MqttClient> {
    const { options, planner } = this;
    const edge = connection === JSON_DEVICES_CONNECTION ? undefined : connection;
    const will = edge ? planner.will(edge) : undefined;
    const clientOptions: IClientOptions = {
      clientId: `${options.clientIdPrefix}-${connection}`,
      username: options.username,
      password: options.password,
      // Sparkplug B edge nodes use clean sessions; the NDEATH will marks them offline when lost.
      clean: true,
      reconnectPeriod: 1_000,
      connectTimeout: options.connectTimeoutMs ?? 30_000,
      ...(will ? { will: { topic: will.topic, payload: will.payload, qos: 1, retain: false } } : {}),
    };
    const client = connect(options.url, clientOptions);
    if (edge) {
      client.on('close', () => {
        // The broker published our will: the next message starts a new session (bdSeq + 1, births),
        // and the next connection carries the will of that session.
        planner.endSession(edge);
        const next = planner.will(edge);
        client.options.will = { topic: next.topic, payload: next.payload, qos: 1, retain: false };
      });
    }
    return new Promise<MqttClient>((resolve, reject) => {
      let first = true;
      const fail = (message: string) => {
        first = false;
        clearTimeout(timer);
        client.end(true);
        reject(new Error(`simulated devices: MQTT ${options.url} (${connection}): ${message}`));
      };
      const timer = setTimeout(() => fail('no connection'), clientOptions.connectTimeout);
      client.once('connect', () => {
        first = false;
        clearTimeout(timer);
        resolve(client);
      });
      client.on('error', (error) => {
        // Refused at the first attempt (credentials, ACL): retrying will not help. Later errors
        // only interrupt a connection that mqtt.js re-establishes by itself.
        if (first) fail(error.message);
      });
    });
  }
}
