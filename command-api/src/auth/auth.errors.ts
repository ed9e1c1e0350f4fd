import { ApiError } from '../http/api-error';

const bearer = { 'WWW-Authenticate': 'Bearer realm="zhongshu"' };

/** Auth failures with stable codes; each says what the caller can do about it, in both languages. */
export const authErrors = {
  unauthenticated: () =>
    new ApiError(
      401,
      'UNAUTHENTICATED',
      'Sign in first: send Authorization: Bearer <access token>',
      '请先登录（Authorization: Bearer <访问令牌>）',
      undefined,
      bearer,
    ),
  invalidToken: () =>
    new ApiError(
      401,
      'INVALID_TOKEN',
      'The token is invalid, expired or revoked; sign in again',
      '令牌无效、已过期或已注销，请重新登录',
      undefined,
      { 'WWW-Authenticate': 'Bearer realm="zhongshu", error="invalid_token"' },
    ),
  invalidRefreshToken: () =>
    new ApiError(
      401,
      'INVALID_REFRESH_TOKEN',
      'The refresh token is invalid, expired, already used or revoked; sign in again',
      '刷新令牌无效、已过期、已使用或已注销，请重新登录',
    ),
  invalidCredentials: () => new ApiError(401, 'INVALID_CREDENTIALS', 'Wrong username or password', '用户名或密码错误'),
  accountLocked: (retryAfterSeconds: number) =>
    new ApiError(
      423,
      'ACCOUNT_LOCKED',
      `Too many failed sign-ins: this account is locked for ${retryAfterSeconds} s`,
      `登录失败次数过多，账号已临时锁定，请 ${retryAfterSeconds} 秒后再试`,
      { retryAfterSeconds },
      { 'Retry-After': String(retryAfterSeconds) },
    ),
  forbiddenRole: (role: string) =>
    new ApiError(403, 'FORBIDDEN_ROLE', `The role ${role} may not do this`, `当前角色（${role}）无权执行此操作`),
  wallReadOnly: () =>
    new ApiError(
      403,
      'WALL_READ_ONLY',
      'A wall token is read-only and reaches only wall data',
      '大屏令牌为只读令牌，只能读取大屏数据',
    ),
  usernameTaken: (username: string) =>
    new ApiError(409, 'USERNAME_TAKEN', `The username ${username} is taken`, `用户名 ${username} 已存在`),
  selfLockout: () =>
    new ApiError(
      409,
      'SELF_LOCKOUT',
      'An admin cannot disable their own account or drop their own admin role',
      '管理员不能停用自己的账号或取消自己的管理员角色',
    ),
  userNotFound: () => new ApiError(404, 'USER_NOT_FOUND', 'No such user', '用户不存在'),
  wallTokenNotFound: () => new ApiError(404, 'WALL_TOKEN_NOT_FOUND', 'No such wall token', '大屏令牌不存在'),
};
