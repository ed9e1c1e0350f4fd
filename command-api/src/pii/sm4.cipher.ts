import { randomBytes, timingSafeEqual } from 'node:crypto';
import { sm3, sm4 } from 'sm-crypto';

/** Marks a sealed value, and which scheme sealed it, so a future key or scheme can live beside this one. */
const SCHEME = 'sm4c1';

/**
 * Personal data at rest (GB/T 39786: SM4 for confidentiality, SM3 for integrity): SM4-CBC with a random
 * IV per value, then an HMAC-SM3 tag over scheme, IV and ciphertext with a key derived from the data
 * key. A sealed value is one string, `sm4c1:<iv>:<ciphertext>:<tag>` (hex), safe in JSON, Redis and
 * ClickHouse. A value whose tag does not verify is refused, never decrypted into garbage.
 */
export class Sm4Cipher {
  private readonly key: string;
  private readonly macKey: string;

  constructor(key: Uint8Array) {
    if (key.length !== 16) throw new Error('an SM4 key is 16 bytes');
    this.key = Buffer.from(key).toString('hex');
    this.macKey = sm3(`${this.key}:zhongshu-pii-mac`);
  }

  static isSealed(value: string): boolean {
    return value.startsWith(`${SCHEME}:`);
  }

  seal(plain: string): string {
    const iv = randomBytes(16).toString('hex');
    const body = `${SCHEME}:${iv}:${sm4.encrypt(plain, this.key, { mode: 'cbc', iv })}`;
    return `${body}:${this.tag(body)}`;
  }

  open(sealed: string): string {
    const parts = sealed.split(':');
    if (parts.length !== 4 || parts[0] !== SCHEME) throw new PiiCipherError('not a sealed value');
    const [, iv, cipherText, tag] = parts;
    const body = `${SCHEME}:${iv}:${cipherText}`;
    const expected = Buffer.from(this.tag(body), 'hex');
    const given = Buffer.from(tag, 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new PiiCipherError('integrity check failed (wrong key or altered data)');
    }
    return sm4.decrypt(cipherText, this.key, { mode: 'cbc', iv });
  }

  private tag(body: string): string {
    return sm3(body, { key: this.macKey, mode: 'hmac' });
  }
}

export class PiiCipherError extends Error {
  override readonly name = 'PiiCipherError';
}
