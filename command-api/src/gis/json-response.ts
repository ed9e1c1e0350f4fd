import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Request, Response } from 'express';

const gzipAsync = promisify(gzip);
/** Below this, compressing costs more than it saves. */
const GZIP_MIN_BYTES = 16 * 1024;

/**
 * Sends a large JSON body gzip-compressed when the client accepts it (every browser does). Today's
 * points for a busy district are megabytes of JSON that compress about five to one; compression runs on
 * libuv's thread pool, not on the event loop.
 */
export async function sendJson(request: Request, response: Response, body: unknown): Promise<void> {
  const text = Buffer.from(JSON.stringify(body));
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  response.setHeader('Vary', 'Accept-Encoding');
  const accepts = String(request.headers['accept-encoding'] ?? '');
  if (text.length >= GZIP_MIN_BYTES && /\bgzip\b/.test(accepts)) {
    const packed = await gzipAsync(text, { level: 4 });
    response.setHeader('Content-Encoding', 'gzip');
    response.end(packed);
    return;
  }
  response.end(text);
}
