import { createHmac, getHashes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hmacSm3, signHotlinePush, verifyHotlineSignature } from './hmac-sm3';

const hex = (text: string) => Uint8Array.from(Buffer.from(text, 'hex'));

describe('hmacSm3', () => {
  // GM/T 0042-2015 Appendix D.3 (the same vectors OpenSSL, libxcrypt and intel-ipsec-mb test against).
  const vectors: Array<{ key: Uint8Array; message: string | Uint8Array; mac: string }> = [
    {
      key: hex('0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20'),
      message: 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'.repeat(2),
      mac: 'ca05e144ed05d1857840d1f318a4a8669e559fc8391f414485bfdf7bb408963a',
    },
    {
      key: hex('0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f202122232425'),
      message: new Uint8Array(50).fill(0xcd),
      mac: '220bf579ded555393f0159f66c99877822a3ecf610d1552154b41d44b94db3ae',
    },
    {
      key: new Uint8Array(32).fill(0x0b),
      message: 'Hi There',
      mac: 'c0ba18c68b90c88bc07de794bfc7d2c8d19ec31ed8773bc2b390c9604e0be11e',
    },
    {
      key: Uint8Array.from(Buffer.from('Jefe')),
      message: 'what do ya want for nothing?',
      mac: '2e87f1d16862e6d964b50a5200bf2b10b764faa9680a296a2405f24bec39f882',
    },
  ];

  it.each(vectors)('matches the GM/T 0042-2015 test vector $mac', ({ key, message, mac }) => {
    expect(hmacSm3(key, message)).toBe(mac);
  });

  it('hashes a key longer than the 64-byte block first (RFC 2104), like OpenSSL does', () => {
    const key = Uint8Array.from(Buffer.from('x'.repeat(100)));
    expect(hmacSm3(key, 'long key')).toHaveLength(64);
    if (getHashes().includes('sm3')) {
      expect(hmacSm3(key, 'long key')).toBe(createHmac('sm3', key).update('long key').digest('hex'));
    }
  });

  // A second, independent implementation: Node's OpenSSL, where it was built with SM3.
  it.skipIf(!getHashes().includes('sm3'))('agrees with OpenSSL HMAC-SM3 on UTF-8 Chinese text', () => {
    const key = hex('00112233445566778899aabbccddeeff');
    for (const message of ['', '{"ticketNo":"RX1","title":"长滨路路灯不亮"}', '1795747200\n[{"a":"😀 表扬"}]']) {
      expect(hmacSm3(key, message)).toBe(createHmac('sm3', key).update(message, 'utf8').digest('hex'));
    }
  });

  it('refuses an empty key', () => {
    expect(() => hmacSm3(new Uint8Array(0), 'x')).toThrow(/non-empty key/);
  });
});

describe('verifyHotlineSignature', () => {
  const keys = new Map([
    ['p1', hex('00112233445566778899aabbccddeeff')],
    ['p2', hex('ffeeddccbbaa99887766554433221100')],
  ]);
  const now = 1_795_747_200_000;
  const timestamp = String(now / 1000);
  const body = '[{"ticketNo":"RX202611210001","title":"长滨路路灯不亮"}]';
  const signed = (overrides: Partial<Parameters<typeof verifyHotlineSignature>[0]> = {}) => ({
    partnerId: 'p1',
    timestamp,
    signature: signHotlinePush(timestamp, body, keys.get('p1')!),
    body,
    ...overrides,
  });

  it('accepts a good signature, in upper-case hex too', () => {
    expect(verifyHotlineSignature(signed(), keys, now)).toEqual({ ok: true, partnerId: 'p1' });
    const upper = signed().signature.toUpperCase();
    expect(verifyHotlineSignature(signed({ signature: upper }), keys, new Date(now))).toMatchObject({ ok: true });
  });

  it('signs `${timestamp}\\n${body}`', () => {
    expect(signed().signature).toBe(hmacSm3(keys.get('p1')!, `${timestamp}\n${body}`));
    // printf '%s\n%s' 1795747200 '[{"ticketNo":"RX1","title":"长滨路路灯不亮"}]' |
    //   openssl dgst -sm3 -mac HMAC -macopt hexkey:00112233445566778899aabbccddeeff   (OpenSSL 3.0)
    expect(signHotlinePush(1795747200, '[{"ticketNo":"RX1","title":"长滨路路灯不亮"}]', keys.get('p1')!)).toBe(
      '156631251f4210dc52bd304bedcd2a54d5dcfbbf8255cb29b7160a10d1e0bb22',
    );
  });

  it('rejects a signature made with another partner’s key', () => {
    const result = verifyHotlineSignature(
      signed({ signature: signHotlinePush(timestamp, body, keys.get('p2')!) }),
      keys,
      now,
    );
    expect(result).toMatchObject({ ok: false, reason: 'bad_signature', partnerId: 'p1' });
  });

  it('rejects a tampered body and a tampered timestamp', () => {
    expect(verifyHotlineSignature(signed({ body: body.replace('不亮', '很亮') }), keys, now)).toMatchObject({
      ok: false,
      reason: 'bad_signature',
    });
    expect(verifyHotlineSignature(signed({ timestamp: String(Number(timestamp) - 1) }), keys, now)).toMatchObject({
      ok: false,
      reason: 'bad_signature',
    });
  });

  it('rejects stale and future timestamps outside the window, accepts its edges', () => {
    const at = (offsetSeconds: number) => {
      const ts = String(Number(timestamp) + offsetSeconds);
      return verifyHotlineSignature(
        signed({ timestamp: ts, signature: signHotlinePush(ts, body, keys.get('p1')!) }),
        keys,
        now,
      );
    };
    expect(at(-301)).toMatchObject({ ok: false, reason: 'stale_timestamp' });
    expect(at(301)).toMatchObject({ ok: false, reason: 'future_timestamp' });
    expect(at(-300)).toMatchObject({ ok: true });
    expect(at(300)).toMatchObject({ ok: true });
    const ts = String(Number(timestamp) - 61);
    const narrow = verifyHotlineSignature(
      signed({ timestamp: ts, signature: signHotlinePush(ts, body, keys.get('p1')!) }),
      keys,
      now,
      60,
    );
    expect(narrow).toMatchObject({ ok: false, reason: 'stale_timestamp' });
  });

  it('rejects an unknown partner and missing or malformed headers', () => {
    expect(verifyHotlineSignature(signed({ partnerId: 'p9' }), keys, now)).toMatchObject({
      ok: false,
      reason: 'unknown_partner',
      partnerId: 'p9',
    });
    expect(verifyHotlineSignature(signed({ signature: undefined }), keys, now)).toMatchObject({
      ok: false,
      reason: 'missing_headers',
      message: expect.stringContaining('X-Zs-Signature') as string,
    });
    expect(verifyHotlineSignature(signed({ timestamp: '2026-11-21T00:00:00Z' }), keys, now)).toMatchObject({
      ok: false,
      reason: 'missing_headers',
    });
    expect(verifyHotlineSignature(signed({ signature: 'abc' }), keys, now)).toMatchObject({
      ok: false,
      reason: 'bad_signature',
    });
    expect(verifyHotlineSignature(signed({ signature: 'zz'.repeat(32) }), keys, now)).toMatchObject({
      ok: false,
      reason: 'bad_signature',
    });
  });
});
