import { canonicalJson, chainHash, GENESIS_HASH, sealOf, type AuditRecord } from './audit-record';

export type BreakReason = 'sequence' | 'link' | 'hash' | 'seal' | 'truncated';

export interface ChainBreak {
  nodeId: string;
  seq: number;
  at?: string;
  reason: BreakReason;
}

export interface VerifyReport {
  intact: boolean;
  /** Records checked, over every node's chain. */
  checked: number;
  nodes: number;
  firstBrokenAt?: ChainBreak;
}

/**
 * Walks records ordered by (node, seq) and finds the first one that does not belong: a missing or doubled
 * seq (a row deleted or forged), a prev_hash that is not the previous hash (rows reordered or swapped),
 * a hash that does not match the content (a field edited), or a seal that does not match the hash
 * (the chain recomputed by someone without the key).
 */
export class ChainCheck {
  private nodeId: string | undefined;
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  private checked = 0;
  private nodes = 0;
  private broken: ChainBreak | undefined;
  private readonly lastSeq = new Map<string, number>();

  constructor(private readonly macKeyHex: string) {}

  /** Feeds the next record; false once the chain is found broken (further records are not needed). */
  push(record: AuditRecord): boolean {
    if (this.broken) return false;
    if (record.nodeId !== this.nodeId) {
      this.nodeId = record.nodeId;
      this.expectedSeq = 1;
      this.prevHash = GENESIS_HASH;
      this.nodes += 1;
    }
    this.checked += 1;
    const reason = this.problemWith(record);
    if (reason) {
      this.broken = { nodeId: record.nodeId, seq: record.seq, at: record.at.toISOString(), reason };
      return false;
    }
    this.expectedSeq = record.seq + 1;
    this.prevHash = record.hash;
    this.lastSeq.set(record.nodeId, record.seq);
    return true;
  }

  /** The last seq seen for a node, to compare with what its writer knows it wrote. */
  lastSeqOf(nodeId: string): number {
    return this.lastSeq.get(nodeId) ?? 0;
  }

  markTruncated(nodeId: string, seq: number): void {
    this.broken ??= { nodeId, seq, reason: 'truncated' };
  }

  report(): VerifyReport {
    return {
      intact: !this.broken,
      checked: this.checked,
      nodes: this.nodes,
      ...(this.broken ? { firstBrokenAt: this.broken } : {}),
    };
  }

  private problemWith(record: AuditRecord): BreakReason | undefined {
    if (record.seq !== this.expectedSeq) return 'sequence';
    if (record.prevHash !== this.prevHash) return 'link';
    if (chainHash(record.prevHash, canonicalJson(record.nodeId, record.seq, record)) !== record.hash) return 'hash';
    if (sealOf(record.hash, this.macKeyHex) !== record.mac) return 'seal';
    return undefined;
  }
}
