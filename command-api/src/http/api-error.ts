/** A domain error with a stable code and a message in both languages; mapped to HTTP once, at the edge. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly messageZh: string,
    readonly details?: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const invalidRequest = (details: string) =>
  new ApiError(400, 'INVALID_REQUEST', `Invalid request: ${details}`, `请求参数无效：${details}`, details);
