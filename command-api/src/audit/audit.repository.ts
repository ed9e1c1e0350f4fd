import { toClickHouseTime } from '@zhongshu/stream';
import type { SqlClient } from '../warehouse/sql-client';
import type { AuditRecord } from './audit-record';

interface AuditRow {
  node_id: string;
  seq: string;
  at_ms: string;
  principal_kind: string;
  user_id: string;
  username: string;
  role: string;
  action: string;
  target: string;
  client_address: string;
  result_status: number;
  result_code: string;
  prev_hash: string;
  hash: string;
  mac: string;
}

const COLUMNS = `node_id, seq, toUnixTimestamp64Milli(at) AS at_ms, principal_kind, user_id, username, role, action,
  target, client_address, result_status, result_code, prev_hash, hash, mac`;

function fromRow(row: AuditRow): AuditRecord {
  return {
    nodeId: row.node_id,
    seq: Number(row.seq),
    at: new Date(Number(row.at_ms)),
    principalKind: row.principal_kind as AuditRecord['principalKind'],
    userId: row.user_id,
    username: row.username,
    role: row.role,
    action: row.action,
    target: row.target,
    clientAddress: row.client_address,
    resultStatus: Number(row.result_status),
    resultCode: row.result_code,
    prevHash: row.prev_hash,
    hash: row.hash,
    mac: row.mac,
  };
}

export interface AuditPageQuery {
  limit: number;
  offset: number;
  username?: string;
  action?: string;
}

/** The audit log in the warehouse: appends only; reads for the admin page and for verification. */
export class AuditRepository {
  constructor(private readonly sql: SqlClient) {}

  async append(records: readonly AuditRecord[]): Promise<void> {
    if (records.length === 0) return;
    const lines = records.map((record) =>
      JSON.stringify({
        node_id: record.nodeId,
        seq: record.seq,
        at: toClickHouseTime(record.at),
        principal_kind: record.principalKind,
        user_id: record.userId,
        username: record.username,
        role: record.role,
        action: record.action,
        target: record.target,
        client_address: record.clientAddress,
        result_status: record.resultStatus,
        result_code: record.resultCode,
        prev_hash: record.prevHash,
        hash: record.hash,
        mac: record.mac,
      }),
    );
    // A retried append (the first one may have landed before its error) is dropped by the engine, not doubled.
    const first = records[0];
    const last = records[records.length - 1];
    await this.sql.insertJsonEachRow('audit_log', lines.join('\n'), {
      insert_deduplication_token: `${first.nodeId}:${first.seq}-${last.seq}:${last.hash}`,
    });
  }

  /** The node's last record, where its writer continues the chain after a restart. */
  async head(nodeId: string): Promise<{ seq: number; hash: string } | undefined> {
    const rows = await this.sql.query<{ seq: string; hash: string }>(
      'SELECT seq, hash FROM audit_log WHERE node_id = {nodeId:String} ORDER BY seq DESC LIMIT 1',
      { nodeId },
    );
    return rows[0] && { seq: Number(rows[0].seq), hash: rows[0].hash };
  }

  /**
   * Records after a (node, seq, hash) position in chain order. The hash is part of the position so two
   * rows claiming the same seq (one forged) are both read, whichever page boundary they fall on.
   */
  async chainPage(after: { nodeId: string; seq: number; hash: string } | undefined, limit: number) {
    const rows = await this.sql.query<AuditRow>(
      `SELECT ${COLUMNS} FROM audit_log
       ${after ? 'WHERE (node_id, seq, hash) > ({nodeId:String}, {seq:UInt64}, {hash:String})' : ''}
       ORDER BY node_id, seq, hash LIMIT {limit:UInt32}`,
      { ...(after ?? {}), limit },
    );
    return rows.map(fromRow);
  }

  async page(query: AuditPageQuery): Promise<{ total: number; items: AuditRecord[] }> {
    const where: string[] = [];
    if (query.username) where.push('username = {username:String}');
    if (query.action) where.push('positionCaseInsensitive(action, {action:String}) > 0');
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const params = { ...query };
    const [count] = await this.sql.query<{ total: string }>(`SELECT count() AS total FROM audit_log ${filter}`, params);
    const rows = await this.sql.query<AuditRow>(
      `SELECT ${COLUMNS} FROM audit_log ${filter}
       ORDER BY at DESC, node_id, seq DESC LIMIT {limit:UInt32} OFFSET {offset:UInt32}`,
      params,
    );
    return { total: Number(count?.total ?? 0), items: rows.map(fromRow) };
  }
}
