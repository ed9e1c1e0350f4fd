import { z } from 'zod';

/** Partner id → shared HMAC-SM3 key (raw bytes). */
export type HotlinePartnerKeys = ReadonlyMap<string, Uint8Array>;

const PARTNER_ID = /^[A-Za-z0-9_-]{1,32}$/;
const HEX_KEY = /^(?:[0-9a-fA-F]{2})+$/;
/** 128 bits: below that an HMAC key can be brute-forced offline from one captured request. */
export const MIN_PARTNER_KEY_BYTES = 16;

/**
 * Parses `HOTLINE_PARTNER_KEYS`: `partnerA:hexkey,partnerB:hexkey` (spaces around entries ignored,
 * empty → no partners). Partner ids are 1–32 of `A-Z a-z 0-9 _ -` (they become part of event ids);
 * keys are hex, at least 16 bytes. Throws with a message naming the bad entry — never the key.
 */
export function parseHotlinePartnerKeys(value: string): HotlinePartnerKeys {
  const keys = new Map<string, Uint8Array>();
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  for (const [position, entry] of entries.entries()) {
    const colon = entry.indexOf(':');
    // Without a colon the entry may be a bare key: name its position only.
    if (colon < 0) throw new Error(`entry ${position + 1}: expected "partnerId:hexkey"`);
    const partnerId = entry.slice(0, colon).trim();
    const hex = entry.slice(colon + 1).trim();
    const where = `entry ${position + 1}${PARTNER_ID.test(partnerId) ? ` ("${partnerId}")` : ''}`;
    if (!PARTNER_ID.test(partnerId)) {
      throw new Error(`${where}: partner id must be 1-32 characters of A-Z, a-z, 0-9, "_" or "-"`);
    }
    if (!HEX_KEY.test(hex))
      throw new Error(`${where}: key must be "partnerId:hexkey" with an even number of hex digits`);
    if (hex.length / 2 < MIN_PARTNER_KEY_BYTES) {
      throw new Error(
        `${where}: key must be at least ${MIN_PARTNER_KEY_BYTES} bytes (${MIN_PARTNER_KEY_BYTES * 2} hex digits)`,
      );
    }
    if (keys.has(partnerId)) throw new Error(`${where}: partner id is listed twice`);
    keys.set(partnerId, Uint8Array.from(Buffer.from(hex, 'hex')));
  }
  return keys;
}

/** For the app config: `HOTLINE_PARTNER_KEYS: hotlinePartnerKeysSetting` (fails boot with a clear message). */
export const hotlinePartnerKeysSetting = z
  .string()
  .default('')
  .transform((value, context): HotlinePartnerKeys => {
    try {
      return parseHotlinePartnerKeys(value);
    } catch (error) {
      context.addIssue({ code: 'custom', message: (error as Error).message });
      return z.NEVER;
    }
  });
