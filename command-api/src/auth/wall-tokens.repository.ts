import { toClickHouseTime } from '@zhongshu/stream';
import type { SqlClient } from '../warehouse/sql-client';

export interface WallTokenRecord {
  id: string;
  name: string;
  /** SM3 of the token; the token itself is shown once, at creation, and never stored. */
  tokenHash: string;
  createdBy: string;
  createdAt: Date;
  revokedAt?: Date;
  /** The token demo mode prints at start. */
  demo: boolean;
}

interface WallTokenRow {
  id: string;
  name: string;
  token_hash: string;
  created_by: string;
  created_ms: string;
  revoked_ms: string | null;
  demo: number;
}

/** Wall tokens in the warehouse (`wall_tokens`, ReplacingMergeTree by version; revoking appends a version). */
export class WallTokensRepository {
  private lastVersion = 0;

  constructor(private readonly sql: SqlClient) {}

  async list(): Promise<WallTokenRecord[]> {
    const rows = await this.sql.query<WallTokenRow>(
      `SELECT id, name, token_hash, created_by, toUnixTimestamp64Milli(created_at) AS created_ms,
              toUnixTimestamp64Milli(revoked_at) AS revoked_ms, demo
       FROM wall_tokens FINAL ORDER BY created_at, id`,
    );
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      tokenHash: row.token_hash,
      createdBy: row.created_by,
      createdAt: new Date(Number(row.created_ms)),
      ...(row.revoked_ms !== null ? { revokedAt: new Date(Number(row.revoked_ms)) } : {}),
      demo: Number(row.demo) === 1,
    }));
  }

  async save(record: WallTokenRecord): Promise<void> {
    this.lastVersion = Math.max(Date.now(), this.lastVersion + 1);
    await this.sql.insertJsonEachRow(
      'wall_tokens',
      JSON.stringify({
        id: record.id,
        name: record.name,
        token_hash: record.tokenHash,
        created_by: record.createdBy,
        created_at: toClickHouseTime(record.createdAt),
        revoked_at: record.revokedAt ? toClickHouseTime(record.revokedAt) : null,
        demo: record.demo ? 1 : 0,
        version: this.lastVersion,
      }),
    );
  }
}
