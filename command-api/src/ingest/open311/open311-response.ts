import type { Response } from 'express';
import { OPEN311_CONTENT_TYPES, type Open311Document, type Open311Format } from '@zhongshu/adapters';

/** Sends the document in the format the URL asked for, UTF-8 as the spec requires. */
export function sendOpen311(
  response: Response,
  format: Open311Format,
  status: number,
  document: Open311Document,
): void {
  response.status(status).setHeader('Content-Type', OPEN311_CONTENT_TYPES[format]);
  response.setHeader('Cache-Control', 'no-store');
  response.send(format === 'xml' ? document.xml : JSON.stringify(document.json));
}
