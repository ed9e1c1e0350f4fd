import type { HotlinePartnerKeys } from '@zhongshu/adapters';

/** Provided by the app module from the config (`HOTLINE_PARTNER_KEYS`, `HOTLINE_SIGNATURE_WINDOW_SECONDS`). */
export const HOTLINE_INGEST_OPTIONS = Symbol('HOTLINE_INGEST_OPTIONS');

export interface HotlineIngestOptions {
  partnerKeys: HotlinePartnerKeys;
  /** How far a request's X-Zs-Timestamp may be from our clock, either way. */
  windowSeconds: number;
}
