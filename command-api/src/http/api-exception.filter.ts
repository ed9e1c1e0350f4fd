import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import { BackpressureError } from '@zhongshu/stream';
import type { Response } from 'express';
import { ApiError } from './api-error';

/** Every error leaves the API as `{ error: { code, message, messageZh, details? } }`. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const error = toApiError(exception);
    if (error.status >= 500 && !(exception instanceof BackpressureError)) console.error(exception);
    for (const [name, value] of Object.entries(error.headers)) response.setHeader(name, value);
    response.status(error.status).json({
      error: { code: error.code, message: error.message, messageZh: error.messageZh, details: error.details },
    });
  }
}

function toApiError(exception: unknown): ApiError {
  if (exception instanceof ApiError) return exception;
  if (exception instanceof BackpressureError) {
    return new ApiError(503, exception.code, exception.message, '系统繁忙，请稍后重试', undefined, {
      'Retry-After': String(exception.retryAfterSeconds),
    });
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    if (status === 404) return new ApiError(404, 'NOT_FOUND', 'Not found', '未找到');
    if (status === 413) return new ApiError(413, 'PAYLOAD_TOO_LARGE', 'Request body too large', '请求体过大');
    return new ApiError(status, 'HTTP_ERROR', exception.message, '请求失败');
  }
  return new ApiError(500, 'INTERNAL', 'Internal error', '系统内部错误');
}
