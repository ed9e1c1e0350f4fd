import { toClickHouseTime } from '@zhongshu/stream';
import type { SqlClient } from '../warehouse/sql-client';

export interface StoredConfig {
  version: number;
  updatedAt: string;
  updatedBy: string;
  value: string;
}

/** Saved configuration versions in the warehouse (migration 008): append-only, the highest version wins. */
export class OrderConfigRepository {
  constructor(private readonly sql: SqlClient) {}

  async latest(name: string): Promise<StoredConfig | undefined> {
    const [row] = await this.sql.query<{ version: number; updated_ms: string; updated_by: string; value: string }>(
      `SELECT version, toUnixTimestamp64Milli(updated_at) AS updated_ms, updated_by, value FROM work_order_config
       WHERE name = {name:String} ORDER BY version DESC LIMIT 1`,
      { name },
    );
    if (!row) return undefined;
    return {
      version: Number(row.version),
      updatedAt: new Date(Number(row.updated_ms)).toISOString(),
      updatedBy: row.updated_by,
      value: row.value,
    };
  }

  async append(name: string, config: StoredConfig): Promise<void> {
    await this.sql.insertJsonEachRow(
      'work_order_config',
      JSON.stringify({
        name,
        version: config.version,
        updated_at: toClickHouseTime(new Date(config.updatedAt)),
        updated_by: config.updatedBy,
        value: config.value,
      }),
      { insert_deduplication_token: `${name}@${config.version}` },
    );
  }
}
