import { join, resolve } from 'node:path';
import { AdapterCounters, CitySimulator, type Adapter } from '@zhongshu/adapters';
import { createCityGis, type CityGis } from '@zhongshu/gis';
import { DeviceStatusProjector } from '@zhongshu/hardware';
import { BackpressureError, Pipeline, type DeadLetter, type HotState, type ItemResult } from '@zhongshu/stream';
import type { AppConfig } from './config/app.config';
import { createHotState } from './hot-state/create-hot-state';
import { LiveRelay } from './live/live-relay';
import { ChdbSqlClient } from './warehouse/chdb.sql-client';
import { ClickHouseEventStore } from './warehouse/clickhouse.event-store';

export const RUNTIME = Symbol('RUNTIME');

export interface RuntimeConfig extends AppConfig {
  dataDir: string;
  timeZone: string;
}

/** Everything one process runs, built before Nest so boot order and shutdown are explicit. */
export interface Runtime {
  config: RuntimeConfig;
  gis: CityGis;
  store: ClickHouseEventStore;
  hotState: HotState;
  pipeline: Pipeline;
  live: LiveRelay;
  /** Source adapters this process runs; their counters feed /api/health and /metrics. */
  adapters: Adapter[];
  /** Counters of `POST /api/v1/events`, the generic push boundary. */
  eventsCounters: AdapterCounters;
  /** How dead letters from each boundary (by origin prefix) are replayed; JSON CityEvents otherwise. */
  replayers: Array<{ originPrefix: string; replay: (letter: DeadLetter) => Promise<ItemResult[]> }>;
  simulator?: CitySimulator;
}

export async function createRuntime(
  appConfig: AppConfig,
  log: (message: string) => void = console.log,
): Promise<Runtime> {
  const gis = createCityGis(appConfig.CITY);
  const config: RuntimeConfig = { ...appConfig, dataDir: resolve(appConfig.DATA_DIR), timeZone: gis.config.timezone };
  const store = new ClickHouseEventStore(new ChdbSqlClient(join(config.dataDir, 'warehouse')), config.timeZone);
  await store.migrate();
  const hotState = await createHotState(config.REDIS_URL, config.REDIS_KEY_PREFIX);
  const live = new LiveRelay();
  const pipeline = new Pipeline(
    { store, deadLetters: store, hotState, publisher: live, enricher: gis, projectors: [new DeviceStatusProjector()] },
    { capacity: config.PIPELINE_CAPACITY, lingerMs: config.PIPELINE_LINGER_MS, timeZone: config.timeZone },
  );
  const rebuilt = await pipeline.rebuildHotState();
  log(
    `hot state rebuilt from the warehouse (${rebuilt.dedupeIds} ids in the dedupe window, ${rebuilt.kpisRepaired} KPI counts repaired)`,
  );
  pipeline.start();
  return {
    config,
    gis,
    store,
    hotState,
    pipeline,
    live,
    adapters: [],
    eventsCounters: new AdapterCounters('http'),
    replayers: [],
  };
}

export function startSimulator(runtime: Runtime): CitySimulator {
  const { config, gis, pipeline } = runtime;
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
    emit: (events) => submitWithBackoff(pipeline, events),
    onError: (error) => console.error('simulator batch dropped:', error),
  });
  simulator.start();
  runtime.simulator = simulator;
  return simulator;
}

/** A simulated source behaves like a polite real one: when the pipeline is saturated it waits and retries. */
async function submitWithBackoff(pipeline: Pipeline, events: unknown[]): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await pipeline.submit(events, 'simulator');
      return;
    } catch (error) {
      if (!(error instanceof BackpressureError) || attempt >= 30) throw error;
      await new Promise((resolve) => setTimeout(resolve, error.retryAfterSeconds * 1000));
    }
  }
}

export async function closeRuntime(runtime: Runtime): Promise<void> {
  await runtime.simulator?.stop();
  await runtime.pipeline.stop();
  await runtime.hotState.close();
  await runtime.store.close();
}
