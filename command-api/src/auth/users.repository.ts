import { role as roleSchema } from '@zhongshu/ticketing';
import { toClickHouseTime } from '@zhongshu/stream';
import type { SqlClient } from '../warehouse/sql-client';
import type { User } from './user.model';

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: string;
  department: string;
  town_code: string;
  password_hash: string;
  disabled: number;
  demo: number;
  created_ms: string;
  updated_ms: string;
}

const COLUMNS = `id, username, display_name, role, department, town_code, password_hash, disabled, demo,
  toUnixTimestamp64Milli(created_at) AS created_ms, toUnixTimestamp64Milli(updated_at) AS updated_ms`;

function fromRow(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: roleSchema.parse(row.role),
    ...(row.department ? { department: row.department } : {}),
    ...(row.town_code ? { townCode: row.town_code } : {}),
    passwordHash: row.password_hash,
    disabled: Number(row.disabled) === 1,
    demo: Number(row.demo) === 1,
    createdAt: new Date(Number(row.created_ms)),
    updatedAt: new Date(Number(row.updated_ms)),
  };
}

/**
 * Users in the warehouse (`users`, ReplacingMergeTree by version): a save appends the whole row with a
 * higher version and reads use FINAL, so the table is small and every change stays an append.
 */
export class UsersRepository {
  private lastVersion = 0;

  constructor(private readonly sql: SqlClient) {}

  async findByUsername(username: string): Promise<User | undefined> {
    const rows = await this.sql.query<UserRow>(
      `SELECT ${COLUMNS} FROM users FINAL WHERE username = {username:String} ORDER BY created_at LIMIT 1`,
      { username },
    );
    return rows[0] && fromRow(rows[0]);
  }

  async findById(id: string): Promise<User | undefined> {
    const rows = await this.sql.query<UserRow>(`SELECT ${COLUMNS} FROM users FINAL WHERE id = {id:String}`, { id });
    return rows[0] && fromRow(rows[0]);
  }

  async list(): Promise<User[]> {
    const rows = await this.sql.query<UserRow>(`SELECT ${COLUMNS} FROM users FINAL ORDER BY username`);
    return rows.map(fromRow);
  }

  async save(user: User): Promise<void> {
    // Versions only grow within a process, even when two saves land in the same millisecond.
    this.lastVersion = Math.max(Date.now(), this.lastVersion + 1);
    await this.sql.insertJsonEachRow(
      'users',
      JSON.stringify({
        id: user.id,
        username: user.username,
        display_name: user.displayName,
        role: user.role,
        department: user.department ?? '',
        town_code: user.townCode ?? '',
        password_hash: user.passwordHash,
        disabled: user.disabled ? 1 : 0,
        demo: user.demo ? 1 : 0,
        created_at: toClickHouseTime(user.createdAt),
        updated_at: toClickHouseTime(user.updatedAt),
        version: this.lastVersion,
      }),
    );
  }
}
