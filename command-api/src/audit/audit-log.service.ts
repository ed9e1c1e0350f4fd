import { boundedEntry, chain, type AuditEntry, type AuditRecord } from './audit-record';
import { ChainCheck, type VerifyReport } from './audit-chain-check';
import type { AuditPageQuery, AuditRepository } from './audit.repository';

const BATCH = 500;
const VERIFY_PAGE = 10_000;
const MAX_BACKOFF_MS = 30_000;

/**
 * The audit log writer of this API node. `record` never blocks a request: entries queue in memory and one
 * writer appends them in order, chaining each to the last (seq + prev_hash), so the chain has exactly one
 * writer per node. Several API nodes each keep their own chain (node_id), verified one by one; no lock
 * across nodes is needed. A failed append is retried with backoff, entries kept in order; nothing is
 * dropped while the process lives.
 */
export class AuditLog {
  private head: { seq: number; hash: string } | undefined;
  private readonly queue: AuditEntry[] = [];
  private writing: Promise<void> | undefined;
  private idle: Array<() => void> = [];
  private started = false;
  private closed = false;

  constructor(
    private readonly repository: AuditRepository,
    readonly nodeId: string,
    private readonly macKeyHex: string,
    private readonly onError: (error: unknown) => void = (error) => console.error('audit log append failed:', error),
  ) {}

  /** Reads where this node's chain ends; entries recorded before are held until then. */
  async start(): Promise<void> {
    this.head = await this.repository.head(this.nodeId);
    this.started = true;
    this.kick();
  }

  record(entry: AuditEntry): void {
    this.queue.push(boundedEntry(entry));
    this.kick();
  }

  /** Resolves when every entry recorded so far is in the warehouse, or after `timeoutMs`. */
  async flush(timeoutMs = 10_000): Promise<void> {
    if (this.queue.length === 0 && !this.writing) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.idle.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    if (this.queue.length > 0) this.onError(new Error(`${this.queue.length} audit records were not written`));
  }

  async verify(): Promise<VerifyReport> {
    await this.flush();
    const check = new ChainCheck(this.macKeyHex);
    let after: AuditRecord | undefined;
    for (;;) {
      const page = await this.repository.chainPage(after, VERIFY_PAGE);
      for (const record of page) if (!check.push(record)) return check.report();
      if (page.length < VERIFY_PAGE) break;
      after = page[page.length - 1];
    }
    // Rows removed from the end leave a valid but shorter chain: compare with what this writer wrote.
    if (this.head && check.lastSeqOf(this.nodeId) < this.head.seq) check.markTruncated(this.nodeId, this.head.seq);
    return check.report();
  }

  async page(query: AuditPageQuery) {
    await this.flush();
    return this.repository.page(query);
  }

  private kick(): void {
    if (!this.started || this.writing || this.closed) return;
    if (this.queue.length === 0) {
      for (const resolve of this.idle.splice(0)) resolve();
      return;
    }
    this.writing = this.drain().finally(() => {
      this.writing = undefined;
      this.kick();
    });
  }

  private async drain(): Promise<void> {
    let failures = 0;
    while (this.queue.length > 0 && !this.closed) {
      const entries = this.queue.slice(0, BATCH);
      const records = chain(this.nodeId, this.head, entries, this.macKeyHex);
      try {
        await this.repository.append(records);
      } catch (error) {
        failures += 1;
        this.onError(error);
        await new Promise((resolve) => setTimeout(resolve, Math.min(MAX_BACKOFF_MS, 250 * 2 ** failures)));
        continue;
      }
      failures = 0;
      this.queue.splice(0, entries.length);
      const last = records[records.length - 1];
      this.head = { seq: last.seq, hash: last.hash };
    }
  }
}
