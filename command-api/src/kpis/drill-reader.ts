import { cityEvent, toLiveEvent, type CityEvent } from '@zhongshu/stream';
import type { SqlClient } from '../warehouse/sql-client';
import { windowParams, type DayWindow } from './day-window';
import type { EntityDomain, EntityRow, KpiWarehouse } from './kpi-warehouse';
import type { DrillItem } from './kpi.contract';

export interface Page {
  limit: number;
  offset: number;
}

export interface DrillResult {
  total: number;
  items: DrillItem[];
}

interface EventRow {
  envelope: string;
  lng: number | null;
  lat: number | null;
}

function itemOf(row: EventRow): DrillItem | undefined {
  let event: CityEvent;
  try {
    event = cityEvent.parse(JSON.parse(row.envelope));
  } catch {
    return undefined;
  }
  const wgs84 = row.lng !== null && row.lat !== null ? { lng: row.lng, lat: row.lat } : undefined;
  const live = toLiveEvent(event, wgs84);
  return {
    id: live.id,
    time: live.time,
    title: live.summary,
    kind: live.kind,
    type: live.type,
    severity: live.severity,
    category: live.category,
    ...(live.townName ? { townName: live.townName } : {}),
    ...(wgs84 ? wgs84 : {}),
  };
}

/**
 * What a KPI is made of. Event drills read today's rows of `events` under the same filter the
 * facet view counts with; entity drills list merged entities and title each with its latest event.
 */
export class DrillReader {
  constructor(
    private readonly sql: SqlClient,
    private readonly warehouse: KpiWarehouse,
  ) {}

  async events(window: DayWindow, where: string, params: Record<string, unknown>, page: Page): Promise<DrillResult> {
    const bound = { ...windowParams(window), ...params, limit: page.limit, offset: page.offset };
    const filter = `time >= fromUnixTimestamp64Milli({startMs:Int64}) AND time < fromUnixTimestamp64Milli({endMs:Int64})
      AND (${where})`;
    const [counted] = await this.sql.query<{ n: string }>(`SELECT count() AS n FROM events WHERE ${filter}`, bound);
    const rows = await this.sql.query<EventRow>(
      `SELECT envelope, lng, lat FROM events WHERE ${filter}
       ORDER BY time DESC, id DESC LIMIT {limit:UInt32} OFFSET {offset:UInt32}`,
      bound,
    );
    return { total: Number(counted?.n ?? 0), items: rows.flatMap((row) => itemOf(row) ?? []) };
  }

  async entities(
    domain: EntityDomain,
    having: string,
    params: Record<string, unknown>,
    page: Page,
    townName: (code: string) => string | undefined,
  ): Promise<DrillResult> {
    const total = await this.warehouse.entityTotal(domain, { having, params });
    const rows = await this.warehouse.entities(domain, { having, params, limit: page.limit, offset: page.offset });
    return { total, items: await this.titled(rows, townName) };
  }

  /** Entities already selected in code (e.g. overdue by the working-day calendar), paged here. */
  async entityList(rows: EntityRow[], page: Page, townName: (code: string) => string | undefined) {
    const slice = rows.slice(page.offset, page.offset + page.limit);
    return { total: rows.length, items: await this.titled(slice, townName) };
  }

  private async titled(rows: EntityRow[], townName: (code: string) => string | undefined): Promise<DrillItem[]> {
    const ids = rows.map((row) => row.lastEventId).filter((id) => id.length > 0);
    const events = new Map<string, DrillItem>();
    if (ids.length > 0) {
      const found = await this.sql.query<EventRow & { id: string }>(
        'SELECT id, envelope, lng, lat FROM events WHERE id IN {ids:Array(String)} LIMIT 1 BY id',
        { ids },
      );
      for (const row of found) {
        const item = itemOf(row);
        if (item) events.set(row.id, item);
      }
    }
    return rows.map((row) => {
      const event = events.get(row.lastEventId);
      const town = townName(row.townCode);
      return {
        ...(event ?? { title: row.entity }),
        id: row.entity,
        time: row.lastAt.toISOString(),
        state: row.state,
        ...(town ? { townName: town } : {}),
      } satisfies DrillItem;
    });
  }
}
