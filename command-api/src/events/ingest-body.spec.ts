import { describe, expect, it } from 'vitest';
import { parseIngestBody } from './ingest-body';

describe('parseIngestBody', () => {
  it('reads a JSON array, a single object and a pretty-printed object', () => {
    expect(parseIngestBody('[{"a":1},{"a":2}]', 'application/json')).toEqual({
      ok: true,
      body: { items: [{ a: 1 }, { a: 2 }], unparseable: [] },
    });
    expect(parseIngestBody('{"a":1}', 'application/json')).toMatchObject({ ok: true, body: { items: [{ a: 1 }] } });
    expect(parseIngestBody('{\n  "a": 1\n}', 'application/json')).toMatchObject({
      ok: true,
      body: { items: [{ a: 1 }] },
    });
  });

  it('reads NDJSON and keeps a broken line apart with its position', () => {
    const parsed = parseIngestBody('{"a":1}\n{oops\n\n{"a":3}\n', 'application/x-ndjson');
    expect(parsed).toMatchObject({
      ok: true,
      body: { items: [{ a: 1 }, { a: 3 }], unparseable: [{ index: 1, raw: '{oops' }] },
    });
  });

  it('rejects an empty body and a broken document', () => {
    expect(parseIngestBody('  ', 'application/json')).toMatchObject({ ok: false, reason: 'empty body' });
    expect(parseIngestBody('[{"a":1}', 'application/json')).toMatchObject({ ok: false });
  });
});
