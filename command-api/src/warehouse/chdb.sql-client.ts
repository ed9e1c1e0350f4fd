import { mkdirSync } from 'node:fs';
import { Session } from 'chdb';
import type { SqlClient } from './sql-client';

/**
 * chDB: the ClickHouse engine inside this process. libchdb binds one data directory per process,
 * so the app opens exactly one client and passes it around.
 */
export class ChdbSqlClient implements SqlClient {
  private readonly session: Session;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.session = new Session(dataDir, {
      connectionArgs: ['--async_load_databases=0', '--async_load_system_database=0'],
    });
  }

  async exec(sql: string): Promise<void> {
    await this.session.queryAsync(sql, { format: 'Null' });
  }

  async query<T>(sql: string, params: Record<string, unknown> = {}): Promise<T[]> {
    const result = await this.session.queryBindAsync(sql, params, { format: 'JSONEachRow' });
    const text = result.text();
    if (!text) return [];
    return text
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => JSON.parse(line) as T);
  }

  async insertJsonEachRow(table: string, lines: string, settings: Record<string, string | number> = {}): Promise<void> {
    await this.session.insert({ table, values: Buffer.from(lines), format: 'JSONEachRow', settings });
  }

  async close(): Promise<void> {
    this.session.close();
  }
}
