import { randomBytes } from 'node:crypto';
import {
  BrokerIngestGate,
  EMBEDDED_MQTT_DEFAULT_PORT,
  EmbeddedMqttBroker,
  MQTT_ORIGIN_PREFIX,
  MqttAdapter,
  MqttDevicePublisher,
  type MqttUser,
} from '@zhongshu/adapters';
import type { Runtime } from '../runtime';

export interface MqttWiring {
  /** What the simulated devices publish through (SIMULATE): `ProtocolFeed`'s `devices`. */
  devices?: MqttDevicePublisher;
  stop(): Promise<void>;
}

/** The embedded broker's account for the simulated devices, made up at each start. */
const SIMULATOR_USER = 'simulator';
const RETRY_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

/**
 * MQTT devices in, two ways:
 * - `MQTT_URL` unset: the embedded broker (aedes) on `MQTT_PORT`, accounts from `MQTT_USERS` (plus
 *   a generated one for the simulators). Messages we consume go straight from the broker into the
 *   pipeline and the device's PUBACK waits until they are durable (`BrokerIngestGate`). Without
 *   any account there is nobody to let in, so the broker does not listen.
 * - `MQTT_URL` set: `MqttAdapter` subscribes on the site's broker with a persistent session
 *   (`MQTT_CLIENT_ID`) and acknowledges each message only once durable; the broker redelivers
 *   whatever we did not acknowledge, also after a crash.
 */
export async function startMqtt(
  runtime: Runtime,
  simulate: boolean,
  log: (message: string) => void = console.log,
): Promise<MqttWiring> {
  return runtime.config.MQTT_URL ? startSiteAdapter(runtime, simulate, log) : startEmbedded(runtime, simulate, log);
}

function simulatedScope(runtime: Runtime) {
  const { MQTT_TENANT, MQTT_SPARKPLUG_GROUP, CITY } = runtime.config;
  return {
    tenant: MQTT_TENANT === '+' ? CITY : MQTT_TENANT,
    group: MQTT_SPARKPLUG_GROUP === '+' ? CITY : MQTT_SPARKPLUG_GROUP,
  };
}

const clientIdOf = (runtime: Runtime) => runtime.config.MQTT_CLIENT_ID ?? `zhongshu-${runtime.config.CITY}`;

async function startEmbedded(runtime: Runtime, simulate: boolean, log: (message: string) => void) {
  const { config, pipeline } = runtime;
  const scope = simulatedScope(runtime);
  const simulator: MqttUser | undefined = simulate
    ? {
        username: SIMULATOR_USER,
        password: randomBytes(18).toString('base64url'),
        publish: [`spBv1.0/${scope.group}/#`, `zhongshu/${scope.tenant}/#`],
        // So a developer can watch the demo's traffic with any MQTT client.
        subscribe: ['spBv1.0/#', 'zhongshu/#'],
      }
    : undefined;
  // The simulators' account is made up at each start; a configured one of that name gives way to it.
  const configured = simulator
    ? config.MQTT_USERS.filter((user) => user.username !== SIMULATOR_USER)
    : config.MQTT_USERS;
  const users = [...configured, ...(simulator ? [simulator] : [])];
  if (users.length === 0) {
    log('MQTT: embedded broker not started (no MQTT_USERS, simulators off); set MQTT_USERS or MQTT_URL for devices');
    return { stop: () => Promise.resolve() };
  }
  const gate = new BrokerIngestGate({
    sink: pipeline,
    tenant: config.MQTT_TENANT,
    sparkplugGroup: config.MQTT_SPARKPLUG_GROUP,
  });
  const host = config.MQTT_HOST ?? config.HOST;
  let port: number;
  let broker: EmbeddedMqttBroker;
  await gate.start();
  try {
    ({ broker, port } = await listen(host, config.MQTT_PORT, users, gate, log));
  } catch (error) {
    await gate.stop();
    throw error;
  }
  runtime.adapters.push(gate);
  runtime.replayers.push({ originPrefix: MQTT_ORIGIN_PREFIX, replay: (letter) => gate.replay(letter) });
  const local = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const url = `mqtt://${local}:${port}`;
  const accounts = users.map((user) =>
    user === simulator ? `${user.username} (password ${user.password}, made up for this run)` : user.username,
  );
  log(`MQTT: embedded broker ${url}, PUBACK once durable; accounts: ${accounts.join(', ')}`);

  const devices = simulator
    ? new MqttDevicePublisher({
        url,
        username: simulator.username,
        password: simulator.password,
        clientIdPrefix: `${clientIdOf(runtime)}-sim`,
        ...scope,
      })
    : undefined;
  return {
    devices,
    async stop() {
      await devices?.stop();
      await gate.stop();
      await broker.stop();
    },
  };
}

/**
 * `MQTT_PORT` set: that port or a clear error. Unset: 1884, and when another process (a second
 * Zhongshu, a test run) holds it, any free port, said in the log, rather than refusing to start.
 */
async function listen(
  host: string,
  configured: number | undefined,
  users: MqttUser[],
  gate: BrokerIngestGate,
  log: (message: string) => void,
): Promise<{ broker: EmbeddedMqttBroker; port: number }> {
  const attempt = async (port: number) => {
    const broker = new EmbeddedMqttBroker({ host, port, users, ingest: gate });
    return { broker, port: (await broker.start()).port };
  };
  try {
    return await attempt(configured ?? EMBEDDED_MQTT_DEFAULT_PORT);
  } catch (error) {
    const inUse = (error as { code?: string }).code === 'EADDRINUSE';
    if (inUse && configured === undefined) {
      log(
        `MQTT: port ${EMBEDDED_MQTT_DEFAULT_PORT} is in use (another Zhongshu?); the embedded broker takes a free port`,
      );
      return attempt(0);
    }
    throw new Error(
      inUse
        ? `MQTT_PORT ${configured} on ${host} is in use (another Zhongshu or broker?): choose a free port, 0 for any, or MQTT_URL to use that broker`
        : `the embedded MQTT broker could not listen on ${host}:${configured ?? EMBEDDED_MQTT_DEFAULT_PORT}: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

async function startSiteAdapter(runtime: Runtime, simulate: boolean, log: (message: string) => void) {
  const { config, pipeline } = runtime;
  const url = config.MQTT_URL!;
  const clientId = clientIdOf(runtime);
  const adapter = new MqttAdapter({
    url,
    username: config.MQTT_USERNAME,
    password: config.MQTT_PASSWORD,
    clientId,
    sink: pipeline,
    sharedGroup: config.MQTT_SHARED_GROUP,
    tenant: config.MQTT_TENANT,
    sparkplugGroup: config.MQTT_SPARKPLUG_GROUP,
    connectTimeoutMs: 10_000,
  });
  runtime.adapters.push(adapter);
  runtime.replayers.push({ originPrefix: MQTT_ORIGIN_PREFIX, replay: (letter) => adapter.replay(letter) });

  // A broker that is down at boot is waited for in the background; /api/health shows `connected`.
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const connect = async (attempt: number): Promise<void> => {
    try {
      await adapter.start();
      log(`MQTT: subscribed on ${url} as ${clientId} (persistent session, PUBACK once durable)`);
    } catch (error) {
      if (stopped) return;
      const delay = RETRY_MS[Math.min(attempt, RETRY_MS.length - 1)];
      log(`MQTT: ${(error as Error).message}; retrying in ${delay / 1000} s`);
      retry = setTimeout(() => void connect(attempt + 1), delay);
    }
  };
  await connect(0);

  const devices = simulate
    ? new MqttDevicePublisher({
        url,
        username: config.MQTT_USERNAME,
        password: config.MQTT_PASSWORD,
        clientIdPrefix: `${clientId}-sim`,
        ...simulatedScope(runtime),
      })
    : undefined;
  return {
    devices,
    async stop() {
      stopped = true;
      clearTimeout(retry);
      await devices?.stop();
      await adapter.stop();
    },
  };
}
