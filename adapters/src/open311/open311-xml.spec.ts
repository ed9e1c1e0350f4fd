import { describe, expect, it } from 'vitest';
import {
  open311ErrorsDocument,
  open311RequestsDocument,
  open311ServiceDefinitionDocument,
  open311ServicesDocument,
} from './open311-documents';
import { findOpen311Service } from './open311-services';
import { escapeXml, xmlList } from './open311-xml';

describe('escapeXml', () => {
  it('escapes markup characters and keeps Chinese as is', () => {
    expect(escapeXml('路灯 <不亮> & "坏了" \'三天\'')).toBe(
      '路灯 &lt;不亮&gt; &amp; &quot;坏了&quot; &apos;三天&apos;',
    );
    expect(escapeXml('&amp;')).toBe('&amp;amp;');
  });

  it('replaces characters XML 1.0 cannot carry, keeps tabs, newlines and astral characters', () => {
    expect(escapeXml('a\u0000b\u0007c\u001fd\uFFFEe')).toBe('a\uFFFDb\uFFFDc\uFFFDd\uFFFDe');
    expect(escapeXml('lone \uD800 surrogate')).toBe('lone \uFFFD surrogate');
    expect(escapeXml('行1\n行2\t\r😀𠀀')).toBe('行1\n行2\t\r😀𠀀');
  });
});

describe('GeoReport v2 XML documents', () => {
  it('serializes services as <services><service>…', () => {
    const xml = open311ServicesDocument([findOpen311Service('010101')!]).xml;
    expect(xml).toBe(
      [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<services>',
        '  <service>',
        '    <service_code>010101</service_code>',
        '    <service_name>路灯不亮</service_name>',
        '    <description>城乡建设/市政设施/路灯不亮</description>',
        '    <metadata>false</metadata>',
        '    <type>realtime</type>',
        '    <keywords>路灯不亮,市政设施,城乡建设</keywords>',
        '    <group>城乡建设</group>',
        '  </service>',
        '</services>',
        '',
      ].join('\n'),
    );
  });

  it('serializes requests with nulls as empty elements and numbers as text', () => {
    const { xml, json } = open311RequestsDocument([
      { service_request_id: 'ZS311-ABC', service_notice: '已受理 <24h> & 回访', account_id: null },
    ]);
    expect(xml).toContain('<service_requests>\n  <request>\n    <service_request_id>ZS311-ABC</service_request_id>');
    expect(xml).toContain('<service_notice>已受理 &lt;24h&gt; &amp; 回访</service_notice>');
    expect(xml).toContain('<account_id/>');
    expect(json).toEqual([
      { service_request_id: 'ZS311-ABC', service_notice: '已受理 <24h> & 回访', account_id: null },
    ]);
    expect(xmlList('service_requests', 'request', [{ lat: 20.02, long: 110.29, ok: true }])).toContain(
      '<lat>20.02</lat>\n    <long>110.29</long>\n    <ok>true</ok>',
    );
  });

  it('serializes an empty list as an empty root', () => {
    expect(open311RequestsDocument([]).xml).toBe('<?xml version="1.0" encoding="utf-8"?>\n<service_requests/>\n');
  });

  it('serializes errors as <errors><error><code/><description/></error></errors>', () => {
    const { xml, json } = open311ErrorsDocument([
      { code: 403, description: "Invalid api_key received -- can't proceed with create_request." },
    ]);
    expect(xml).toBe(
      [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<errors>',
        '  <error>',
        '    <code>403</code>',
        '    <description>Invalid api_key received -- can&apos;t proceed with create_request.</description>',
        '  </error>',
        '</errors>',
        '',
      ].join('\n'),
    );
    expect(json).toEqual([
      { code: 403, description: "Invalid api_key received -- can't proceed with create_request." },
    ]);
  });

  it('serializes a service definition with no attributes', () => {
    const { xml, json } = open311ServiceDefinitionDocument('010101');
    expect(xml).toContain(
      '<service_definition>\n  <service_code>010101</service_code>\n  <attributes/>\n</service_definition>',
    );
    expect(json).toEqual({ service_code: '010101', attributes: [] });
  });

  it('refuses nested values and bad element names', () => {
    expect(() => xmlList('a', 'b', [{ nested: { x: 1 } }])).toThrow(/not an XML scalar/);
    expect(() => xmlList('a', 'b', [{ 'bad name': 1 }])).toThrow(/element name/);
  });
});
