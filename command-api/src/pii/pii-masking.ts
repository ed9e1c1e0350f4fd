/**
 * Masking for people who may not see personal data: phone numbers keep the first three and last four
 * digits (138****1234), ID numbers (居民身份证号) the first six and last four, names the family name.
 * Free text is scrubbed of anything that looks like either, since callers dictate numbers into
 * descriptions too.
 */
export function maskPhone(phone: string): string {
  // A +86 country code is not part of the number the mask is about.
  const digits = phone.replace(/\D/g, '').replace(/^86(?=1\d{10}$)/, '');
  if (digits.length >= 11) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  if (digits.length >= 7) return `${digits.slice(0, 3)}****${digits.slice(-2)}`;
  return '****';
}

export function maskIdNumber(id: string): string {
  const clean = id.trim();
  if (clean.length >= 15) return `${clean.slice(0, 6)}${'*'.repeat(clean.length - 10)}${clean.slice(-4)}`;
  return '*'.repeat(Math.max(clean.length, 4));
}

export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '';
  return `${chars[0]}${'*'.repeat(Math.max(chars.length - 1, 1))}`;
}

const ID_IN_TEXT = /(?<!\d)\d{6}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![\dXx])/g;
const MOBILE_IN_TEXT = /(?<!\d)(?:\+?86[-\s]?)?1[3-9]\d[-\s]?\d{4}[-\s]?\d{4}(?!\d)/g;
const LANDLINE_IN_TEXT = /(?<!\d)0\d{2,3}-\d{7,8}(?!\d)/g;

/** Phone and ID numbers inside free text, in one pattern (for sealing them at rest). */
export const NUMBERS_IN_TEXT = new RegExp(
  [ID_IN_TEXT.source, MOBILE_IN_TEXT.source, LANDLINE_IN_TEXT.source].join('|'),
  'g',
);

export function maskText(text: string): string {
  return text
    .replace(ID_IN_TEXT, (id) => maskIdNumber(id))
    .replace(MOBILE_IN_TEXT, (phone) => maskPhone(phone))
    .replace(LANDLINE_IN_TEXT, (phone) => maskPhone(phone));
}
