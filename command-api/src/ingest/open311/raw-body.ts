import type { Request } from 'express';

export interface RawBody {
  bytes: Buffer;
  /** More than `limit` bytes were sent; `bytes` holds the first `limit`. */
  tooLarge: boolean;
}

/**
 * The request body as bytes, read here because `/open311` has no body parser: a form that fails
 * validation is dead-lettered exactly as it came. Tolerates a parser someone mounts later.
 */
export async function readRawBody(request: Request, limit: number): Promise<RawBody> {
  const parsed: unknown = request.body;
  if (Buffer.isBuffer(parsed)) return { bytes: parsed, tooLarge: false };
  if (typeof parsed === 'string') return { bytes: Buffer.from(parsed, 'utf8'), tooLarge: false };
  if (parsed && typeof parsed === 'object') {
    const form = new URLSearchParams(parsed as Record<string, string>).toString();
    return { bytes: Buffer.from(form, 'utf8'), tooLarge: false };
  }
  if (request.readableEnded) return { bytes: Buffer.alloc(0), tooLarge: false };
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    size += chunk.length;
    if (size > limit) return { bytes: Buffer.concat(chunks).subarray(0, limit), tooLarge: true };
  }
  return { bytes: Buffer.concat(chunks), tooLarge: false };
}
