import type { DomainError, DomainErrorCode } from '@zhongshu/ticketing';
import { ApiError } from '../http/api-error';

/** The domain's stable codes mapped to HTTP once, here (ticketing/src/domain-error.ts). */
const STATUS: Record<DomainErrorCode, number> = {
  INVALID_COMMAND: 400,
  FORBIDDEN: 403,
  OUT_OF_SCOPE: 403,
  VERSION_CONFLICT: 409,
  TRANSITION_NOT_ALLOWED: 409,
  CHILD_NOT_FOUND: 404,
  PRECONDITION_FAILED: 422,
  CALENDAR_YEAR_MISSING: 503,
};

export function fromDomainError(error: DomainError): ApiError {
  return new ApiError(STATUS[error.code], error.code, error.message.en, error.message.zh, error.details);
}

export const orderNotFound = (id: string) =>
  new ApiError(404, 'WORK_ORDER_NOT_FOUND', `No work order ${id} that you may see`, `工单 ${id} 不存在或无权查看`, {
    orderId: id,
  });

export const versionConflict = (id: string, sentVersion: number, currentVersion: number) =>
  new ApiError(
    409,
    'VERSION_CONFLICT',
    'the work order changed since you loaded it; reload and try again',
    '工单已被他人更新，请刷新后重试',
    { orderId: id, sentVersion, currentVersion },
  );

export const orderLogUnavailable = (cause: unknown) =>
  new ApiError(
    503,
    'ORDER_LOG_UNAVAILABLE',
    `the order log could not be written; nothing was changed (${cause instanceof Error ? cause.message : String(cause)})`,
    '工单日志写入失败，操作未生效，请稍后重试',
    undefined,
    { 'Retry-After': '2' },
  );

export const hotStateUnavailable = (cause: unknown) =>
  new ApiError(
    503,
    'HOT_STATE_UNAVAILABLE',
    `hot state is unavailable (${cause instanceof Error ? cause.message : String(cause)})`,
    '缓存服务不可用，请稍后重试',
    undefined,
    { 'Retry-After': '2' },
  );

export const noCasework = () =>
  new ApiError(403, 'FORBIDDEN', 'this role does no casework and sees no work orders', '当前角色无权查看工单');
