import type { SqlClient } from '../warehouse/sql-client';

/** Where each device last reported from, and what it is, from its own events in the warehouse. */
export interface DeviceSighting {
  id: string;
  /** The event category of its latest report (the device's kind, e.g. water_level, camera). */
  category: string;
  townCode: string;
  lng: number;
  lat: number;
  /** Epoch ms of its latest report of any kind. */
  lastSeen: number;
}

/**
 * Device positions from the warehouse: the latest located event per device (`subject` is the device
 * id on every device event). Status is not read here: the hot state holds the latest status per device.
 */
export class DevicePositionsRepository {
  constructor(private readonly sql: SqlClient) {}

  async sightings(since: Date, limit: number): Promise<DeviceSighting[]> {
    // Aliases differ from column names: ClickHouse would read an alias `lng` in WHERE as the aggregate.
    const rows = await this.sql.query<{
      id: string;
      last_category: string;
      town: string;
      x: number;
      y: number;
      last_seen: string | number;
    }>(
      `SELECT subject AS id, argMax(category, time) AS last_category, argMax(town_code, time) AS town,
              argMax(assumeNotNull(lng), time) AS x, argMax(assumeNotNull(lat), time) AS y,
              toUnixTimestamp64Milli(max(time)) AS last_seen
       FROM events
       WHERE kind = 'device' AND time >= fromUnixTimestamp64Milli({since:Int64}) AND subject != ''
         AND lng IS NOT NULL AND lat IS NOT NULL
       GROUP BY subject
       ORDER BY id
       LIMIT {limit:UInt32}`,
      { since: since.getTime(), limit },
    );
    return rows.map((row) => ({
      id: row.id,
      category: row.last_category,
      townCode: row.town,
      lng: Number(row.x),
      lat: Number(row.y),
      lastSeen: Number(row.last_seen),
    }));
  }
}
