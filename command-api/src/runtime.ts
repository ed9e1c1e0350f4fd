import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { AdapterCounters, CitySimulator, ProtocolFeed, type Adapter, type AlarmStreamServer } from '@zhongshu/adapters';
import { createCityGis, type CityGis } from '@zhongshu/gis';
import { DeviceStatusProjector } from '@zhongshu/hardware';
import {
  Pipeline,
  type CityEventInput,
  type DeadLetter,
  type HotState,
  type ItemResult,
  type LiveChannel,
  type LiveDataByChannel,
} from '@zhongshu/stream';
import { startAdapters, type RunningAdapters } from './adapters/start-adapters';
import type { AppConfig } from './config/app.config';
import { createHotState } from './hot-state/create-hot-state';
import { AlertsProjector } from './alerts/alerts.projector';
import { AlertBoard } from './live/alert-board';
import { LiveRelay } from './live/live-relay';
import { ChdbSqlClient } from './warehouse/chdb.sql-client';
import { ClickHouseEventStore } from './warehouse/clickhouse.event-store';
import type { SqlClient } from './warehouse/sql-client';
import { createWorkOrders, type WorkOrders } from './work-orders/create-work-orders';

export const RUNTIME = Symbol('RUNTIME');

export type LiveSnapshotProviders = {
  [C in LiveChannel]?: () => Promise<LiveDataByChannel[C]>;
};

export interface RuntimeConfig extends AppConfig {
  dataDir: string;
  timeZone: string;
}

/** Everything one process runs, built before Nest so boot order and shutdown are explicit. */
export interface Runtime {
  config: RuntimeConfig;
  gis: CityGis;
  store: ClickHouseEventStore;
  /** The warehouse engine the store runs on, for read models beside it (map data, devices); same SQL on a server. */
  sql: SqlClient;
  hotState: HotState;
  pipeline: Pipeline;
  live: LiveRelay;
  /** Alerts for the wall's banner (critical events, overdue orders, device faults). */
  alerts: AlertBoard;
  /** Work orders: service, order log, auto-creation, deadline scheduler, assessment (work-orders/). */
  workOrders: WorkOrders;
  /** Snapshot builders for live channels owned by feature modules (e.g. `orders`); see LiveSnapshotService. */
  liveSnapshots: LiveSnapshotProviders;
  /** Source adapters this process runs; their counters feed /api/health and /metrics. */
  adapters: Adapter[];
  /** Counters of `POST /api/v1/events`, the generic push boundary. */
  eventsCounters: AdapterCounters;
  /** How dead letters from each boundary (by origin prefix) are replayed; JSON CityEvents otherwise. */
  replayers: Array<{ originPrefix: string; replay: (letter: DeadLetter) => Promise<ItemResult[]> }>;
  simulator?: CitySimulator;
  simulatorCredentials?: SimulatorCredentials;
  running?: RunningAdapters;
}

export async function createRuntime(
  appConfig: AppConfig,
  log: (message: string) => void = console.log,
): Promise<Runtime> {
  const gis = createCityGis(appConfig.CITY);
  const config: RuntimeConfig = { ...appConfig, dataDir: resolve(appConfig.DATA_DIR), timeZone: gis.config.timezone };
  // The simulated platforms authenticate like real partners, with credentials made up for this run.
  const simulatorCredentials: SimulatorCredentials | undefined = config.SIMULATE
    ? {
        hotlinePartner: { partnerId: 'simulator', key: randomBytes(32) },
        open311ApiKey: randomBytes(16).toString('hex'),
      }
    : undefined;
  if (simulatorCredentials) {
    const { partnerId, key } = simulatorCredentials.hotlinePartner;
    config.HOTLINE_PARTNER_KEYS = new Map([...config.HOTLINE_PARTNER_KEYS, [partnerId, key]]);
    config.OPEN311_API_KEYS = [...config.OPEN311_API_KEYS, simulatorCredentials.open311ApiKey];
  }
  const sql = new ChdbSqlClient(join(config.dataDir, 'warehouse'));
  const store = new ClickHouseEventStore(sql, config.timeZone);
  await store.migrate();
  const hotState = await createHotState(config.REDIS_URL, config.REDIS_KEY_PREFIX);
  const live = new LiveRelay();
  const alerts = new AlertBoard(live);
  const workOrders = createWorkOrders({
    settings: {
      dataDir: config.dataDir,
      piiKey: config.PII_KEY,
      policyFile: config.WORK_ORDER_POLICY_FILE,
      scanSeconds: config.WORK_ORDER_SCAN_SECONDS,
      retainFinishedHours: config.WORK_ORDER_RETAIN_FINISHED_HOURS,
      catchUpMinutes: 15,
      simulatedStaff: config.SIMULATE && config.SIMULATE_STAFF,
    },
    gis,
    sql,
    events: store,
    hotState,
    alerts,
  });
  const pipeline = new Pipeline(
    {
      store,
      deadLetters: store,
      hotState,
      publisher: live,
      enricher: gis,
      // AlertsProjector: critical events and device faults become banners on the walls.
      // workOrders.intake: accepted events that call for a work order become one (off the ingest path).
      projectors: [new DeviceStatusProjector(), new AlertsProjector(alerts), workOrders.intake],
    },
    { capacity: config.PIPELINE_CAPACITY, lingerMs: config.PIPELINE_LINGER_MS, timeZone: config.timeZone },
  );
  const rebuilt = await pipeline.rebuildHotState();
  log(
    `hot state rebuilt from the warehouse (${rebuilt.dedupeIds} ids in the dedupe window, ${rebuilt.kpisRepaired} KPI counts repaired)`,
  );
  pipeline.start();
  const orders = await workOrders.start();
  log(
    `work orders rebuilt from the order log (${orders.rebuilt.loaded} in hot state, ${orders.rebuilt.adopted} adopted, ${orders.caughtUp} caught up)`,
  );
  return {
    config,
    gis,
    store,
    sql,
    hotState,
    pipeline,
    live,
    alerts,
    workOrders,
    liveSnapshots: { orders: () => workOrders.live.snapshot() },
    adapters: [],
    eventsCounters: new AdapterCounters('http'),
    replayers: [],
    simulatorCredentials,
  };
}

/** Credentials the simulated platforms use; made up at each start, never configured. */
export interface SimulatorCredentials {
  hotlinePartner: { partnerId: string; key: Uint8Array };
  open311ApiKey: string;
}

export function startSimulator(
  runtime: Runtime,
  baseUrl: string,
  credentials: SimulatorCredentials,
  alarms?: AlarmStreamServer,
  devices?: (events: CityEventInput[]) => Promise<void>,
): CitySimulator {
  const { config, gis } = runtime;
  const feed = new ProtocolFeed({
    baseUrl,
    hotline: credentials.hotlinePartner,
    open311: { apiKey: credentials.open311ApiKey, every: 10 },
    alarms,
    devices,
    ingestToken: config.INGEST_TOKENS?.split(',')[0]?.trim(),
  });
  const simulator = new CitySimulator({
    profile: {
      cityName: gis.config.city.name,
      districtCode: gis.config.district.code,
      districtName: gis.config.district.name,
      towns: gis.towns.map((town) => ({ ...town, roads: [...town.roads] })),
      randomPoint: (townCode, rng) => gis.randomPoint(townCode, rng),
    },
    seed: config.SIMULATOR_SEED,
    ratePerMinute: config.SIMULATOR_RATE,
    scenario: config.SIMULATOR_SCENARIO,
    now: () => new Date(),
    emit: (events) => feed.emit(events),
    onError: (error) => console.error('simulator batch dropped:', error),
  });
  simulator.start();
  runtime.simulator = simulator;
  return simulator;
}

/** Source adapters (and, with SIMULATE, the simulated systems they read) after the API listens. */
export async function startSources(runtime: Runtime, baseUrl: string): Promise<void> {
  runtime.running = await startAdapters(runtime);
  if (runtime.config.SIMULATE && runtime.simulatorCredentials) {
    const { alarmServer, devices } = runtime.running;
    startSimulator(runtime, baseUrl, runtime.simulatorCredentials, alarmServer, devices?.publish);
  }
}

export async function closeRuntime(runtime: Runtime): Promise<void> {
  await runtime.simulator?.stop();
  await runtime.running?.stop();
  await runtime.pipeline.stop();
  await runtime.workOrders.close();
  await runtime.hotState.close();
  await runtime.store.close();
}
