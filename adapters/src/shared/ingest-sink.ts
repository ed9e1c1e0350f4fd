import type { ItemResult } from '@zhongshu/stream';

/**
 * Where an adapter hands what it received. The pipeline implements it: `submit` validates each
 * item (invalid → dead letters), resolves once the stored ones are durable, and throws
 * `BackpressureError` when saturated — the adapter then stops acknowledging its source.
 */
export interface IngestSink {
  submit(raws: readonly unknown[], origin: string): Promise<ItemResult[]>;
  /** For input that never became an item: undecodable bytes, unknown topics, bad signatures. */
  deadLetter(raw: Buffer | string, reason: string, origin: string): Promise<void>;
}
