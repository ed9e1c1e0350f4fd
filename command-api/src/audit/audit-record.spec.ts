import { createHash, randomBytes } from 'node:crypto';
import { sm3 } from 'sm-crypto';
import { describe, expect, it } from 'vitest';
import { ChainCheck } from './audit-chain-check';
import { boundedEntry, canonicalJson, chain, GENESIS_HASH, type AuditEntry, type AuditRecord } from './audit-record';

const KEY = randomBytes(32).toString('hex');

const entry = (i: number): AuditEntry => ({
  at: new Date(Date.UTC(2026, 10, 21, 1, 0, i)),
  principalKind: 'user',
  userId: `u-${i % 3}`,
  username: ['dispatcher', 'liaison', 'admin'][i % 3],
  role: ['dispatcher', 'liaison', 'admin'][i % 3],
  action: 'POST /api/v1/work-orders/{id}/actions/dispatch',
  target: JSON.stringify({ id: `wo-${i}` }),
  clientAddress: '10.0.0.7',
  resultStatus: i % 4 === 0 ? 403 : 200,
  resultCode: i % 4 === 0 ? 'FORBIDDEN_ROLE' : 'OK',
});

function verify(records: readonly AuditRecord[], key = KEY) {
  const check = new ChainCheck(key);
  for (const record of records) if (!check.push(record)) break;
  return check.report();
}

describe('audit record hashing', () => {
  it('uses SM3 (GB/T 32905) as specified: the library agrees with the standard test vector and with OpenSSL', () => {
    expect(sm3('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
    const text = GENESIS_HASH + canonicalJson('node-a', 1, entry(1));
    expect(sm3(text)).toBe(createHash('sm3').update(text, 'utf8').digest('hex'));
  });

  it('chains records: seq counts up, each prev_hash is the hash before, the first links to the genesis hash', () => {
    const records = chain('node-a', undefined, [entry(1), entry(2), entry(3)], KEY);
    expect(records.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(records[0].prevHash).toBe(GENESIS_HASH);
    expect(records[1].prevHash).toBe(records[0].hash);
    expect(records[2].prevHash).toBe(records[1].hash);
    const more = chain('node-a', { seq: 3, hash: records[2].hash }, [entry(4)], KEY);
    expect(more[0]).toMatchObject({ seq: 4, prevHash: records[2].hash });
  });

  it('caps free-text fields so a hostile request cannot bloat the log', () => {
    const bounded = boundedEntry({ ...entry(1), username: 'x'.repeat(10_000), target: 'y'.repeat(10_000) });
    expect(bounded.username).toHaveLength(128);
    expect(bounded.target).toHaveLength(1024);
  });
});

describe('ChainCheck finds the first record that does not belong', () => {
  const records = chain(
    'node-a',
    undefined,
    Array.from({ length: 20 }, (_, i) => entry(i)),
    KEY,
  );

  it('reports an untouched chain intact, over every node', () => {
    const other = chain('node-b', undefined, [entry(1), entry(2)], KEY);
    expect(verify([...records, ...other])).toEqual({ intact: true, checked: 22, nodes: 2 });
  });

  it('an edited field (the result of a command changed to look successful)', () => {
    const tampered = records.map((r) => (r.seq === 9 ? { ...r, resultStatus: 200, resultCode: 'OK' } : r));
    expect(verify(tampered).firstBrokenAt).toMatchObject({ nodeId: 'node-a', seq: 9, reason: 'hash' });
  });

  it('a deleted record', () => {
    expect(verify(records.filter((r) => r.seq !== 5)).firstBrokenAt).toMatchObject({ seq: 6, reason: 'sequence' });
  });

  it('two records swapped', () => {
    const swapped = records.map((r) =>
      r.seq === 3 ? { ...records[3], seq: 3 } : r.seq === 4 ? { ...records[2], seq: 4 } : r,
    );
    expect(verify(swapped).firstBrokenAt).toMatchObject({ seq: 3, reason: 'link' });
  });

  it('a forged record re-chained correctly but sealed without the key', () => {
    const forger = randomBytes(32).toString('hex');
    const [forged] = chain('node-a', { seq: 20, hash: records[19].hash }, [entry(99)], forger);
    expect(verify([...records, forged]).firstBrokenAt).toMatchObject({ seq: 21, reason: 'seal' });
  });

  it('a whole chain rewritten without the key', () => {
    const rewritten = chain(
      'node-a',
      undefined,
      Array.from({ length: 20 }, (_, i) => entry(i + 1)),
      'ab'.repeat(32),
    );
    expect(verify(rewritten).firstBrokenAt).toMatchObject({ seq: 1, reason: 'seal' });
  });
});
