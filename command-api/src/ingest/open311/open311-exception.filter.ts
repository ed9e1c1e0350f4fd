import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import { Open311Error, isOpen311Format, open311ErrorsDocument } from '@zhongshu/adapters';
import { BackpressureError } from '@zhongshu/stream';
import type { Request, Response } from 'express';
import { sendOpen311 } from './open311-response';

/**
 * Open311 clients expect the spec's error array (`[{ code, description }]` or `<errors>…`) in the
 * format of the URL, not our `{ error }` envelope; this filter, scoped to the Open311 controller,
 * takes precedence over the global one.
 */
@Catch()
export class Open311ExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const format = isOpen311Format(request.params?.format) ? request.params.format : 'json';
    const error = toOpen311Error(exception);
    for (const [name, value] of Object.entries(error.headers)) response.setHeader(name, value);
    sendOpen311(response, format, error.status, open311ErrorsDocument(error.errors));
  }
}

function toOpen311Error(exception: unknown): Open311Error {
  if (exception instanceof Open311Error) return exception;
  if (exception instanceof BackpressureError) {
    return new Open311Error(503, 'The service is busy; retry later (系统繁忙，请稍后重试)', {
      'Retry-After': String(exception.retryAfterSeconds),
    });
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    return new Open311Error(status, status === 404 ? 'not found' : exception.message);
  }
  console.error(exception);
  return new Open311Error(500, 'internal error; the request was not filed');
}
