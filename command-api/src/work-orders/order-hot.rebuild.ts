import type { DomainEvent, WorkOrder } from '@zhongshu/ticketing';
import type { OrderCodec } from './order-codec';
import type { OrderHotStore } from './order-hot.store';
import type { LogEntry, OrderLogRepository } from './order-log.repository';
import type { OrderLogWriter } from './order-log.writer';
import { summarize } from './order-summary';

export interface RebuildResult {
  loaded: number;
  adopted: number;
}

const PARALLEL = 200;
/** A hot write younger than this may still be on its way to the log on another node: leave it be. */
const IN_FLIGHT_MS = 30_000;

/**
 * Rebuilds the work-order projection from the durable log: at start, and when hot state comes back
 * empty (Redis restarted without its data). Only newer versions are written, so a rebuild racing live
 * actions on other nodes never rolls anything back. A version hot state holds but the log does not
 * (a node died between its compare-and-set and its log write, so nobody was told it succeeded) is
 * adopted into the log rather than dropped, once it is old enough not to be in flight.
 */
export async function rebuildOrderHotState(deps: {
  repository: OrderLogRepository;
  writer: OrderLogWriter;
  hot: OrderHotStore;
  codec: OrderCodec;
  now: () => Date;
  retainFinishedMs: number;
}): Promise<RebuildResult> {
  const { repository, hot, codec, now } = deps;
  const started = now();
  const states = await repository.forHotState(new Date(started.getTime() - deps.retainFinishedMs));
  for (let i = 0; i < states.length; i += PARALLEL) {
    await Promise.all(
      states.slice(i, i + PARALLEL).map(async (row) => {
        await hot.putIfNewer(row.id, row.version, row.state);
        // Summaries hold no personal data: the sealed fields need not be opened.
        await hot.putSummaryIfNewer(summarize(JSON.parse(row.state) as WorkOrder));
      }),
    );
  }

  const logged = new Map(states.map((row) => [row.id, row.version]));
  const hotNow = await hot.allVersions();
  const unknown = [...hotNow.keys()].filter((id) => !logged.has(id));
  for (const row of await repository.current(unknown)) logged.set(row.id, row.version);
  const orphans: LogEntry[] = [];
  for (const [id, entry] of hotNow) {
    if (entry.version <= (logged.get(id) ?? 0)) continue;
    const order = codec.open(entry.stored);
    const lastAt = Date.parse(order.timeline.at(-1)?.at ?? order.createdAt);
    if (started.getTime() - lastAt < IN_FLIGHT_MS) continue;
    orphans.push({ order, sealed: entry.stored, events: eventsOf(order) });
  }
  if (orphans.length > 0) {
    await deps.writer.write(orphans);
    for (const orphan of orphans) await hot.putSummaryIfNewer(summarize(orphan.order));
  }
  await hot.markBuilt(started);
  return { loaded: states.length, adopted: orphans.length };
}

/** The events of an order's latest version, recovered from its timeline. */
function eventsOf(order: WorkOrder): DomainEvent[] {
  return order.timeline
    .filter((entry) => entry.version === order.version)
    .map((entry) => ({
      type: `work-order.${entry.action}`,
      orderId: order.id,
      version: entry.version,
      at: entry.at,
      actor: entry.actor,
      action: entry.action,
      from: entry.from,
      to: entry.to,
      ...(entry.childId ? { childId: entry.childId } : {}),
      data: entry.data,
    }));
}
