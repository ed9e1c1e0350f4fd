export interface ParsedBody {
  items: unknown[];
  /** Lines that were not JSON at all (NDJSON): kept raw for the dead-letter store. */
  unparseable: Array<{ index: number; raw: string; reason: string }>;
}

export type IngestBody = { ok: true; body: ParsedBody } | { ok: false; reason: string };

/**
 * A JSON array (or a single object), or NDJSON with one event per line. In NDJSON a broken line
 * is rejected on its own; a broken JSON document is rejected whole.
 */
export function parseIngestBody(body: string, contentType: string | undefined): IngestBody {
  const text = body.trim();
  if (text.length === 0) return { ok: false, reason: 'empty body' };
  if (!contentType?.includes('ndjson')) {
    try {
      const parsed: unknown = JSON.parse(text);
      return { ok: true, body: { items: Array.isArray(parsed) ? parsed : [parsed], unparseable: [] } };
    } catch (error) {
      if (!text.includes('\n')) return { ok: false, reason: `body is not JSON: ${(error as Error).message}` };
    }
  }
  const items: unknown[] = [];
  const unparseable: ParsedBody['unparseable'] = [];
  for (const line of text.split('\n')) {
    if (line.trim().length === 0) continue;
    const index = items.length + unparseable.length;
    try {
      items.push(JSON.parse(line));
    } catch (error) {
      unparseable.push({ index, raw: line, reason: `invalid JSON: ${(error as Error).message}` });
    }
  }
  return { ok: true, body: { items, unparseable } };
}
