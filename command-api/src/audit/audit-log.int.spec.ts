import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChdbSqlClient } from '../warehouse/chdb.sql-client';
import { migrate } from '../warehouse/migrations';
import { AuditLog } from './audit-log.service';
import { chain, type AuditEntry } from './audit-record';
import { AuditRepository } from './audit.repository';

const KEY = 'cd'.repeat(32);

const entry = (i: number, node = 'n'): AuditEntry => ({
  at: new Date(Date.UTC(2026, 10, 21, 1, 0, 0, i)),
  principalKind: 'user',
  userId: `u-${i}`,
  username: i % 2 ? 'dispatcher' : 'liaison',
  role: i % 2 ? 'dispatcher' : 'liaison',
  action: `POST /api/v1/work-orders/{id}/actions/${node}`,
  target: JSON.stringify({ id: `wo-${i}` }),
  clientAddress: '127.0.0.1',
  resultStatus: 200,
  resultCode: 'OK',
});

describe('AuditLog on chDB', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zs-audit-'));
  let sql: ChdbSqlClient;
  let repository: AuditRepository;

  beforeAll(async () => {
    sql = new ChdbSqlClient(dir);
    await migrate(sql);
    repository = new AuditRepository(sql);
  });

  afterAll(async () => {
    await sql.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes records in order, one chain per node, and continues the chain after a restart', async () => {
    const first = new AuditLog(repository, 'node-a', KEY);
    await first.start();
    for (let i = 1; i <= 30; i++) first.record(entry(i, 'a'));
    await first.close();
    const restarted = new AuditLog(repository, 'node-a', KEY);
    const other = new AuditLog(repository, 'node-b', KEY);
    await Promise.all([restarted.start(), other.start()]);
    for (let i = 31; i <= 40; i++) restarted.record(entry(i, 'a'));
    for (let i = 1; i <= 5; i++) other.record(entry(i, 'b'));
    await Promise.all([restarted.flush(), other.flush()]);
    expect(await restarted.verify()).toEqual({ intact: true, checked: 45, nodes: 2 });
    const page = await restarted.page({ limit: 5, offset: 0, username: 'dispatcher' });
    expect(page.total).toBe(23);
    expect(page.items).toHaveLength(5);
    expect(page.items.every((r) => r.username === 'dispatcher')).toBe(true);
    await Promise.all([restarted.close(), other.close()]);
  });

  it('stores a retried append once (same deduplication token)', async () => {
    const head = await repository.head('node-c');
    const records = chain('node-c', head, [entry(1, 'c'), entry(2, 'c')], KEY);
    await repository.append(records);
    await repository.append(records);
    const [{ n }] = await sql.query<{ n: string }>("SELECT count() AS n FROM audit_log WHERE node_id = 'node-c'");
    expect(Number(n)).toBe(2);
  });

  it('reports a row edited in the warehouse (ALTER TABLE … UPDATE) as broken at that record', async () => {
    const log = new AuditLog(repository, 'node-a', KEY);
    await log.start();
    expect((await log.verify()).intact).toBe(true);
    await sql.exec(
      "ALTER TABLE audit_log UPDATE result_code = 'OK', result_status = 200, username = 'leader' WHERE node_id = 'node-a' AND seq = 17 SETTINGS mutations_sync = 1",
    );
    expect(await log.verify()).toMatchObject({
      intact: false,
      firstBrokenAt: { nodeId: 'node-a', seq: 17, reason: 'hash' },
    });
  });

  it('reports a forged row inserted with a valid-looking SM3 link but no key', async () => {
    await sql.exec("ALTER TABLE audit_log DELETE WHERE node_id = 'node-a' SETTINGS mutations_sync = 1");
    const log = new AuditLog(repository, 'node-a', KEY);
    await log.start();
    // New content: an identical batch would carry the deduplication token of one already written.
    for (let i = 101; i <= 103; i++) log.record(entry(i, 'a'));
    await log.flush();
    const head = await repository.head('node-a');
    const [forged] = chain('node-a', head, [{ ...entry(99, 'a'), username: 'admin' }], 'ef'.repeat(32));
    await repository.append([forged]);
    expect((await log.verify()).firstBrokenAt).toMatchObject({ nodeId: 'node-a', seq: 4, reason: 'seal' });
  });

  it('reports rows deleted from the middle, and from the end of what this node wrote', async () => {
    await sql.exec("ALTER TABLE audit_log DELETE WHERE node_id = 'node-b' AND seq = 2 SETTINGS mutations_sync = 1");
    const log = new AuditLog(repository, 'node-d', KEY);
    await log.start();
    for (let i = 1; i <= 4; i++) log.record(entry(i, 'd'));
    await log.flush();
    await sql.exec("ALTER TABLE audit_log DELETE WHERE node_id = 'node-a' SETTINGS mutations_sync = 1");
    expect((await log.verify()).firstBrokenAt).toMatchObject({ nodeId: 'node-b', seq: 3, reason: 'sequence' });
    await sql.exec("ALTER TABLE audit_log DELETE WHERE node_id = 'node-b' SETTINGS mutations_sync = 1");
    expect((await log.verify()).intact).toBe(true);
    await sql.exec("ALTER TABLE audit_log DELETE WHERE node_id = 'node-d' AND seq = 4 SETTINGS mutations_sync = 1");
    expect((await log.verify()).firstBrokenAt).toMatchObject({ nodeId: 'node-d', seq: 4, reason: 'truncated' });
    await log.close();
  });
});
