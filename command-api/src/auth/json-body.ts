import { describeIssues } from '@zhongshu/stream';
import type { Request } from 'express';
import type { z } from 'zod';
import { invalidRequest } from '../http/api-error';

/** Bodies arrive as text (server.ts); this parses and validates one, or throws 400 INVALID_REQUEST. */
export function jsonBody<T extends z.ZodType>(request: Request, schema: T): z.infer<T> {
  const text = typeof request.body === 'string' ? request.body : '';
  let value: unknown;
  try {
    value = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    throw invalidRequest('the body is not JSON');
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalidRequest(describeIssues(parsed.error));
  return parsed.data;
}
