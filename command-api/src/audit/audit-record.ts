import { sm3 } from 'sm-crypto';

/** What one command leaves in the audit log: who, as what, did what to which target, from where, with what result. */
export interface AuditEntry {
  at: Date;
  /** `user`, `wall`, or `anonymous` (demo mode, sign-in attempts before the user is known). */
  principalKind: 'user' | 'wall' | 'anonymous';
  userId: string;
  username: string;
  role: string;
  /** `POST /api/v1/work-orders/{id}/actions/dispatch`, or a named action such as `auth.login`. */
  action: string;
  /** The route parameters as JSON (`{"id":"wo-1"}`), or '' when the route has none. */
  target: string;
  clientAddress: string;
  resultStatus: number;
  /** `OK`, or the error's stable code (`FORBIDDEN_ROLE`, `INVALID_CREDENTIALS`…). */
  resultCode: string;
}

/** An entry as stored: its place in its node's chain and the seals. */
export interface AuditRecord extends AuditEntry {
  nodeId: string;
  seq: number;
  prevHash: string;
  hash: string;
  mac: string;
}

/** The prev_hash of a chain's first record. */
export const GENESIS_HASH = '0'.repeat(64);

const LIMITS = { username: 128, userId: 128, role: 32, action: 256, target: 1024, clientAddress: 64, resultCode: 64 };

/** Caps free-text fields, so a hostile sign-in attempt cannot write kilobytes into the log. */
export function boundedEntry(entry: AuditEntry): AuditEntry {
  return {
    ...entry,
    userId: entry.userId.slice(0, LIMITS.userId),
    username: entry.username.slice(0, LIMITS.username),
    role: entry.role.slice(0, LIMITS.role),
    action: entry.action.slice(0, LIMITS.action),
    target: entry.target.slice(0, LIMITS.target),
    clientAddress: entry.clientAddress.slice(0, LIMITS.clientAddress),
    resultCode: entry.resultCode.slice(0, LIMITS.resultCode),
  };
}

/**
 * The bytes a record's hash covers: every field but the seals, in a fixed order, times as ISO 8601 in
 * UTC with milliseconds (what DateTime64(3) keeps), so the warehouse's copy re-hashes to the same value.
 */
export function canonicalJson(nodeId: string, seq: number, entry: AuditEntry): string {
  return JSON.stringify([
    nodeId,
    seq,
    entry.at.toISOString(),
    entry.principalKind,
    entry.userId,
    entry.username,
    entry.role,
    entry.action,
    entry.target,
    entry.clientAddress,
    entry.resultStatus,
    entry.resultCode,
  ]);
}

export const chainHash = (prevHash: string, canonical: string): string => sm3(prevHash + canonical);

/** HMAC-SM3 over the hash with a key kept outside the warehouse: rewriting the chain needs the key too. */
export const sealOf = (hash: string, macKeyHex: string): string => sm3(hash, { key: macKeyHex, mode: 'hmac' });

/** Chains entries after `head` (the node's last record, or none). */
export function chain(
  nodeId: string,
  head: { seq: number; hash: string } | undefined,
  entries: readonly AuditEntry[],
  macKeyHex: string,
): AuditRecord[] {
  let seq = head?.seq ?? 0;
  let prevHash = head?.hash ?? GENESIS_HASH;
  return entries.map((entry) => {
    seq += 1;
    const hash = chainHash(prevHash, canonicalJson(nodeId, seq, entry));
    const record: AuditRecord = { ...entry, nodeId, seq, prevHash, hash, mac: sealOf(hash, macKeyHex) };
    prevHash = hash;
    return record;
  });
}
