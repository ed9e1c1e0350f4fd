import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { Runtime } from '../runtime';

/**
 * Prometheus metrics read from the live objects at scrape time (no double bookkeeping): per-adapter
 * counters, pipeline queue and lag, live clients. One registry per app, so tests can run several.
 */
export function createMetricsRegistry(runtime: Runtime, liveClients: () => number): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'zhongshu_process_' });

  const adapterStats = () =>
    [runtime.eventsCounters, ...runtime.adapters.map((adapter) => adapter.counters)].map((c) => c.stats());
  const perAdapter = (name: string, help: string, read: (s: ReturnType<typeof adapterStats>[number]) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['adapter'],
      registers: [registry],
      collect() {
        this.reset();
        for (const stats of adapterStats()) this.set({ adapter: stats.adapter }, read(stats));
      },
    });
  perAdapter('zhongshu_adapter_received_total', 'Messages or items received by a source adapter', (s) => s.received);
  perAdapter('zhongshu_adapter_accepted_total', 'Items stored through a source adapter', (s) => s.accepted);
  perAdapter('zhongshu_adapter_rejected_total', 'Items a source adapter rejected (dead-lettered)', (s) => s.rejected);
  perAdapter('zhongshu_adapter_duplicates_total', 'Redelivered items recognised as duplicates', (s) => s.duplicates);
  perAdapter(
    'zhongshu_adapter_lag_seconds',
    'Age of the oldest input not yet acknowledged to its source',
    (s) => s.lagMs / 1000,
  );
  perAdapter(
    'zhongshu_adapter_connected',
    '1 when the adapter holds its connection (connection-based adapters)',
    (s) => (s.connected === false ? 0 : 1),
  );

  const pipeline = (name: string, help: string, read: (s: ReturnType<Runtime['pipeline']['stats']>) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(read(runtime.pipeline.stats()));
      },
    });
  pipeline('zhongshu_pipeline_queued', 'Events waiting for the warehouse', (s) => s.queued);
  pipeline('zhongshu_pipeline_lag_seconds', 'Age of the oldest queued event', (s) => s.lagMs / 1000);
  pipeline('zhongshu_pipeline_stored_total', 'Events stored since start', (s) => s.stored);
  pipeline('zhongshu_pipeline_duplicates_total', 'Duplicate events dropped since start', (s) => s.duplicates);
  pipeline('zhongshu_pipeline_rejected_total', 'Invalid events dead-lettered since start', (s) => s.rejected);
  pipeline(
    'zhongshu_pipeline_failed_batches_total',
    'Batches the warehouse refused after retries',
    (s) => s.failedBatches,
  );

  new Gauge({
    name: 'zhongshu_live_clients',
    help: 'Sockets connected to /live',
    registers: [registry],
    collect() {
      this.set(liveClients());
    },
  });
  return registry;
}
