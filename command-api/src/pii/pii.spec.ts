import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskName, maskPhone, maskText } from './pii-masking';
import { seesPersonalData } from './pii-policy';
import { PiiCipherError, Sm4Cipher } from './sm4.cipher';

describe('Sm4Cipher', () => {
  const cipher = new Sm4Cipher(randomBytes(16));

  it('round-trips text and never shows the plain value in the sealed form', () => {
    for (const plain of ['13812341234', '460105199001011234', '王先生 0898-66668888', '']) {
      const sealed = cipher.seal(plain);
      expect(Sm4Cipher.isSealed(sealed)).toBe(true);
      if (plain) expect(sealed).not.toContain(plain);
      expect(cipher.open(sealed)).toBe(plain);
    }
  });

  it('seals the same value differently each time (random IV)', () => {
    expect(cipher.seal('13812341234')).not.toBe(cipher.seal('13812341234'));
  });

  it('refuses an altered value and a value sealed with another key', () => {
    const sealed = cipher.seal('13812341234');
    const parts = sealed.split(':');
    const flipped = parts[2].startsWith('0') ? `1${parts[2].slice(1)}` : `0${parts[2].slice(1)}`;
    expect(() => cipher.open([parts[0], parts[1], flipped, parts[3]].join(':'))).toThrow(PiiCipherError);
    expect(() => new Sm4Cipher(randomBytes(16)).open(sealed)).toThrow(/integrity/);
    expect(() => cipher.open('13812341234')).toThrow(PiiCipherError);
  });

  it('needs a 16-byte key', () => {
    expect(() => new Sm4Cipher(randomBytes(8))).toThrow();
  });
});

describe('masking', () => {
  it('masks phone numbers as 138****1234', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone('+86 138-1234-1234')).toBe('138****1234');
    expect(maskPhone('66668888')).toBe('666****88');
    expect(maskPhone('110')).toBe('****');
  });

  it('masks ID numbers keeping the area code and the last four', () => {
    expect(maskIdNumber('46010519900101123X')).toBe('460105********123X');
    expect(maskIdNumber('123')).toBe('****');
  });

  it('keeps only the family name', () => {
    expect(maskName('王小明')).toBe('王**');
    expect(maskName('李')).toBe('李*');
  });

  it('scrubs numbers out of free text', () => {
    expect(maskText('来电人13812341234，身份证46010519900101123X，座机0898-66668888，门牌12号')).toBe(
      '来电人138****1234，身份证460105********123X，座机089****8888，门牌12号',
    );
  });

  it('lets only the centre desk see personal data', () => {
    expect(seesPersonalData('dispatcher')).toBe(true);
    expect(seesPersonalData('commander')).toBe(true);
    for (const role of ['liaison', 'leader', 'engineer', 'admin'] as const) expect(seesPersonalData(role)).toBe(false);
    expect(seesPersonalData(undefined)).toBe(false);
  });
});
