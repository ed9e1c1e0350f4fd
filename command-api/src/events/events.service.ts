import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { CityEvent, ItemResult } from '@zhongshu/stream';
import { RUNTIME, type Runtime } from '../runtime';
import type { IngestResponse, ListEventsQuery } from './events.dto';
import { invalidRequest } from '../http/api-error';
import type { IngestBody } from './ingest-body';

const DEFAULT_LOOKBACK_MS = 7 * 24 * 3600 * 1000;

@Injectable()
export class EventsService {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  async ingest(request: IngestBody, raw: string, origin: string): Promise<IngestResponse> {
    const { pipeline, store, eventsCounters } = this.runtime;
    if (!request.ok) {
      eventsCounters.reject();
      await store.put([
        { id: randomUUID(), receivedAt: new Date(), origin, reason: request.reason, raw, encoding: 'utf8' },
      ]);
      throw invalidRequest(request.reason);
    }
    const { body } = request;
    if (body.unparseable.length > 0) {
      const receivedAt = new Date();
      await store.put(
        body.unparseable.map((line) => ({
          id: randomUUID(),
          receivedAt,
          origin,
          reason: line.reason,
          raw: line.raw,
          encoding: 'utf8' as const,
        })),
      );
    }
    const ticket = eventsCounters.receive(body.items.length + body.unparseable.length);
    let parsedResults: ItemResult[];
    try {
      parsedResults = await pipeline.submit(body.items, origin);
    } finally {
      eventsCounters.done(ticket);
    }
    // Re-number so indexes refer to positions in the request body, whatever failed to parse.
    const parsedIndexes = indexesWithout(
      body.items.length + body.unparseable.length,
      new Set(body.unparseable.map((u) => u.index)),
    );
    const items: ItemResult[] = [
      ...parsedResults.map((result) => ({ ...result, index: parsedIndexes[result.index] })),
      ...body.unparseable.map((u) => ({ index: u.index, status: 'rejected' as const, reason: u.reason })),
    ].sort((a, b) => a.index - b.index);
    eventsCounters.record(items);
    const count = (status: ItemResult['status']) => items.filter((item) => item.status === status).length;
    const rejected = count('rejected');
    return { errors: rejected > 0, stored: count('stored'), duplicates: count('duplicate'), rejected, items };
  }

  async list(query: ListEventsQuery): Promise<CityEvent[]> {
    const to = query.to ? new Date(query.to) : undefined;
    const from = query.from ? new Date(query.from) : new Date((to ?? new Date()).getTime() - DEFAULT_LOOKBACK_MS);
    return this.runtime.store.query({
      kind: query.source,
      type: query.type,
      region: query.region,
      from,
      to,
      limit: query.limit,
    });
  }
}

function indexesWithout(total: number, skipped: Set<number>): number[] {
  const indexes: number[] = [];
  for (let i = 0; i < total; i++) if (!skipped.has(i)) indexes.push(i);
  return indexes;
}
