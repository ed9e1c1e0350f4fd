/**
 * The little a repository needs from a ClickHouse engine. chDB (in-process) implements it today;
 * a ClickHouse server behind `@clickhouse/client` implements the same four calls, so the SQL and
 * the repositories above it are shared.
 */
export interface SqlClient {
  /** DDL and statements without a result. */
  exec(sql: string): Promise<void>;
  /** A parameterised query (`{name:Type}` placeholders bound by the engine), rows as objects. */
  query<T>(sql: string, params?: Record<string, unknown>): Promise<T[]>;
  /** Inserts JSONEachRow lines; `settings` carries e.g. the insert deduplication token. */
  insertJsonEachRow(table: string, lines: string, settings?: Record<string, string | number>): Promise<void>;
  close(): Promise<void>;
}
