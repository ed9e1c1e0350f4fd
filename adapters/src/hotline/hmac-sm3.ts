import { timingSafeEqual } from 'node:crypto';
import { sm3 } from 'sm-crypto';

/**
 * HMAC (RFC 2104) over SM3 (GB/T 32905-2016), as GM/T 0042-2015 defines it, via sm-crypto's
 * `sm3(input, { key, mode: 'hmac' })`. Text is hashed as its UTF-8 bytes; we encode it ourselves
 * (Buffer) rather than rely on sm-crypto's own UTF-8 encoder, so what we sign is exactly what
 * `Buffer.from(text, 'utf8')` — and every other platform's UTF-8 encoder — produces.
 * Returns 64 lowercase hex digits.
 */
export function hmacSm3(key: Uint8Array, message: string | Uint8Array): string {
  if (key.length === 0) throw new Error('HMAC-SM3 needs a non-empty key');
  const bytes = typeof message === 'string' ? Buffer.from(message, 'utf8') : message;
  return sm3(bytes, { key, mode: 'hmac' });
}

/**
 * How a hotline platform signs a push to `POST /api/v1/ingest/hotline`:
 *
 *     X-Zs-Partner:   the partner id we issued (e.g. `haikou12345`)
 *     X-Zs-Timestamp: unix time in seconds when the request was sent, e.g. `1795747200`
 *     X-Zs-Signature: hex( HMAC-SM3( partnerKey, `${timestamp}\n${body}` ) )
 *
 * `body` is the request body exactly as sent, as UTF-8 (no BOM); the timestamp is the header's
 * decimal string; `\n` is a single line feed (0x0A). The key is the partner's shared secret
 * (`HOTLINE_PARTNER_KEYS`, hex), used as raw bytes.
 *
 * Replay protection is nonce-free: a request older (or newer) than the window is refused, and
 * inside the window a replayed request is harmless because every ticket maps to a deterministic
 * event id (`hotline:{partner}:{ticketNo}:{status}`), so the pipeline stores it once and answers
 * `duplicate`. A status change is a new id, so an old status replayed cannot overwrite a newer one.
 */
export const HOTLINE_HEADERS = {
  partner: 'x-zs-partner',
  timestamp: 'x-zs-timestamp',
  signature: 'x-zs-signature',
} as const;

export const DEFAULT_SIGNATURE_WINDOW_SECONDS = 300;

/** The exact string that is signed. */
export function hotlineSigningString(timestamp: string, body: string): string {
  return `${timestamp}\n${body}`;
}

/** What a partner (or a test) computes to sign a push. */
export function signHotlinePush(timestamp: number | string, body: string, key: Uint8Array): string {
  return hmacSm3(key, hotlineSigningString(String(timestamp), body));
}

export interface HotlineSignedRequest {
  partnerId: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
  body: string;
}

export type HotlineSignatureFailure =
  'missing_headers' | 'unknown_partner' | 'stale_timestamp' | 'future_timestamp' | 'bad_signature';

export type HotlineSignatureResult =
  { ok: true; partnerId: string } | { ok: false; reason: HotlineSignatureFailure; partnerId?: string; message: string };

const TIMESTAMP = /^\d{1,12}$/;
const SIGNATURE = /^[0-9a-fA-F]{64}$/;

/**
 * Checks a push's headers against the partner's key. `now` is a Date or epoch milliseconds.
 * The signature comparison is constant-time (`timingSafeEqual` over the 32 MAC bytes).
 */
export function verifyHotlineSignature(
  request: HotlineSignedRequest,
  keys: ReadonlyMap<string, Uint8Array>,
  now: Date | number,
  windowSeconds = DEFAULT_SIGNATURE_WINDOW_SECONDS,
): HotlineSignatureResult {
  const { partnerId, timestamp, signature, body } = request;
  if (!partnerId || !timestamp || !signature) {
    const missing = [
      !partnerId && 'X-Zs-Partner',
      !timestamp && 'X-Zs-Timestamp',
      !signature && 'X-Zs-Signature',
    ].filter(Boolean);
    return { ok: false, reason: 'missing_headers', partnerId, message: `missing header(s): ${missing.join(', ')}` };
  }
  const key = keys.get(partnerId);
  if (!key) return { ok: false, reason: 'unknown_partner', partnerId, message: `unknown partner "${partnerId}"` };
  if (!TIMESTAMP.test(timestamp)) {
    return { ok: false, reason: 'missing_headers', partnerId, message: 'X-Zs-Timestamp must be unix seconds' };
  }
  const nowSeconds = Math.floor((typeof now === 'number' ? now : now.getTime()) / 1000);
  const skew = Number(timestamp) - nowSeconds;
  if (skew < -windowSeconds) {
    return {
      ok: false,
      reason: 'stale_timestamp',
      partnerId,
      message: `timestamp is ${-skew} s old (window ${windowSeconds} s)`,
    };
  }
  if (skew > windowSeconds) {
    return {
      ok: false,
      reason: 'future_timestamp',
      partnerId,
      message: `timestamp is ${skew} s ahead (window ${windowSeconds} s)`,
    };
  }
  if (!SIGNATURE.test(signature)) {
    return { ok: false, reason: 'bad_signature', partnerId, message: 'X-Zs-Signature must be 64 hex digits' };
  }
  const expected = Buffer.from(hmacSm3(key, hotlineSigningString(timestamp, body)), 'hex');
  const given = Buffer.from(signature, 'hex');
  if (!timingSafeEqual(expected, given)) {
    return { ok: false, reason: 'bad_signature', partnerId, message: 'signature does not match' };
  }
  return { ok: true, partnerId };
}
