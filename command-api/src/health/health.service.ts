import { Inject, Injectable } from '@nestjs/common';
import { RUNTIME, type Runtime } from '../runtime';

interface Check {
  ok: boolean;
  latencyMs: number;
  error?: string;
}

async function timed(probe: () => Promise<void>): Promise<Check> {
  const started = performance.now();
  try {
    await probe();
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, latencyMs: Math.round(performance.now() - started), error: (error as Error).message };
  }
}

/** Pipeline lag beyond this means the warehouse is not keeping up. */
const MAX_HEALTHY_LAG_MS = 10_000;

@Injectable()
export class HealthService {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  async report() {
    const { store, hotState, pipeline, config } = this.runtime;
    const [warehouse, hot] = await Promise.all([timed(() => store.ping()), timed(() => hotState.ping())]);
    const stats = pipeline.stats();
    const bus = {
      ok: stats.queued < config.PIPELINE_CAPACITY,
      queued: stats.queued,
      capacity: config.PIPELINE_CAPACITY,
    };
    const pipelineCheck = { ok: stats.running && stats.lagMs < MAX_HEALTHY_LAG_MS, ...stats };
    const ok = warehouse.ok && hot.ok && bus.ok && pipelineCheck.ok;
    return {
      status: ok ? ('ok' as const) : ('degraded' as const),
      time: new Date().toISOString(),
      checks: {
        warehouse: { ...warehouse, engine: 'chdb' },
        hotState: { ...hot, engine: config.REDIS_URL ? 'redis' : 'memory' },
        bus: { ...bus, engine: 'in-process' },
        pipeline: pipelineCheck,
        simulator: { running: this.runtime.simulator !== undefined },
      },
      adapters: [this.runtime.eventsCounters, ...this.runtime.adapters.map((adapter) => adapter.counters)].map((c) =>
        c.stats(),
      ),
    };
  }
}
