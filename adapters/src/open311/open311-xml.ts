/**
 * A tiny serializer for GeoReport v2's XML, which is schemaless, namespace-free and only ever a
 * root element holding a list of flat records (plus `<attributes/>` in a service definition).
 * UTF-8 with the XML declaration the spec requires; Chinese text goes out as is.
 */

export type XmlScalar = string | number | boolean | null | undefined;
/** A flat record: every value a scalar (interfaces welcome, hence `object`; checked at run time). */
export type XmlRecord = object;

// Code points XML 1.0 forbids (C0 controls other than tab/LF/CR, lone surrogates, U+FFFE/U+FFFF).
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const ELEMENT_NAME = /^[A-Za-z_][\w.-]*$/;

/** Escapes markup characters and replaces characters XML cannot carry with U+FFFD. */
export function escapeXml(text: string): string {
  return text.replace(NOT_XML_CHAR, '\uFFFD').replace(/[&<>"']/g, (char) => ESCAPES[char]);
}

function element(name: string, content: string | undefined): string {
  if (!ELEMENT_NAME.test(name)) throw new Error(`not an XML element name: ${name}`);
  return content === undefined || content === '' ? `<${name}/>` : `<${name}>${content}</${name}>`;
}

function scalar(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  if (typeof value === 'string') return escapeXml(value);
  if (typeof value === 'boolean') return String(value);
  throw new Error(`not an XML scalar: ${typeof value}`);
}

/** `<name><field>value</field>…</name>`, fields in the record's order; null → `<field/>`. */
export function xmlRecord(name: string, record: XmlRecord): string {
  const fields = Object.entries(record as Record<string, unknown>).map(
    ([field, value]) => `\n    ${element(field, scalar(value))}`,
  );
  return `  ${element(name, fields.length > 0 ? `${fields.join('')}\n  ` : undefined)}`;
}

/** A whole document: `<root><item>…</item>…</root>`. */
export function xmlList(root: string, item: string, records: readonly XmlRecord[]): string {
  const body = records.map((record) => `\n${xmlRecord(item, record)}`).join('');
  return xmlDocument(element(root, body.length > 0 ? `${body}\n` : undefined));
}

export function xmlDocument(root: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${root}\n`;
}

/** GET services/{code}: our services carry no attributes (`metadata: false`). */
export function serviceDefinitionXml(serviceCode: string): string {
  return xmlDocument(
    `<service_definition>\n  ${element('service_code', scalar(serviceCode))}\n  <attributes/>\n</service_definition>`,
  );
}
