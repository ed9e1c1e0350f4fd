import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SqlClient } from './sql-client';

/** Numbered `NNN_name.sql` files, one folder, the same for chDB and a ClickHouse server. */
export const MIGRATIONS_DIR = join(__dirname, '..', '..', 'migrations');

export interface Migration {
  version: number;
  name: string;
  statements: string[];
}

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^\d{3}_[\w-]+\.sql$/.test(file))
    .sort()
    .map((file) => ({
      version: Number(file.slice(0, 3)),
      name: file,
      statements: splitStatements(readFileSync(join(dir, file), 'utf8')),
    }));
}

/** Statements end with `;` at the end of a line; comment lines are dropped. */
export function splitStatements(sql: string): string[] {
  return sql
    .split('\n')
    .filter((line) => !line.trim().startsWith('--'))
    .join('\n')
    .split(/;\s*$/m)
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0);
}

export async function migrate(client: SqlClient, migrations = loadMigrations()): Promise<number[]> {
  await client.exec(
    `CREATE TABLE IF NOT EXISTS schema_migrations (version UInt32, name String, applied_at DateTime DEFAULT now())
     ENGINE = MergeTree ORDER BY version`,
  );
  const applied = new Set(
    (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).map((row) =>
      Number(row.version),
    ),
  );
  const done: number[] = [];
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    // Every statement is idempotent (IF NOT EXISTS), so a crash between statements is safe to rerun.
    for (const statement of migration.statements) await client.exec(statement);
    await client.insertJsonEachRow(
      'schema_migrations',
      JSON.stringify({ version: migration.version, name: migration.name }),
    );
    done.push(migration.version);
  }
  return done;
}
