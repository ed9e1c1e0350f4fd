import { role } from '@zhongshu/ticketing';
import { z } from 'zod';
import { auditPageQuery } from '../audit/audit.controller';
import { createWallTokenInput } from './wall-token.service';
import { createUserInput, loginInput, logoutInput, refreshInput, updateUserInput } from './user.model';

const schema = (type: z.ZodType, io: 'input' | 'output' = 'output') =>
  z.toJSONSchema(type, { io, target: 'openapi-3.0', unrepresentable: 'any' });
const json = (type: z.ZodType, io: 'input' | 'output' = 'output') => ({
  'application/json': { schema: schema(type, io) },
});
const body = (type: z.ZodType) => ({ required: true, content: json(type, 'input') });
const errorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), messageZh: z.string(), details: z.unknown().optional() }),
});
const error = (description: string) => ({ description, content: json(errorBody) });
const idParam = (description: string) => ({
  name: 'id',
  in: 'path',
  required: true,
  description,
  schema: { type: 'string' },
});

const signedInUser = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role,
  department: z.string().optional(),
  townCode: z.string().optional(),
});
const tokenPair = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  tokenType: z.literal('Bearer'),
  expiresIn: z.number().int(),
  refreshExpiresIn: z.number().int(),
  user: signedInUser,
});
const principal = signedInUser
  .omit({ id: true })
  .extend({ kind: z.enum(['user', 'wall']), userId: z.string(), displayName: z.string() });
const userView = signedInUser.extend({
  disabled: z.boolean(),
  demo: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const wallTokenView = z.object({
  id: z.string(),
  name: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().optional(),
  demo: z.boolean(),
});
const auditRecord = z.object({
  nodeId: z.string(),
  seq: z.number().int(),
  at: z.string(),
  principalKind: z.enum(['user', 'wall', 'anonymous']),
  userId: z.string(),
  username: z.string(),
  role: z.string(),
  action: z.string(),
  target: z.string(),
  clientAddress: z.string(),
  resultStatus: z.number().int(),
  resultCode: z.string(),
  prevHash: z.string(),
  hash: z.string(),
  mac: z.string(),
});
const verifyReport = z.object({
  intact: z.boolean(),
  checked: z.number().int(),
  nodes: z.number().int(),
  firstBrokenAt: z
    .object({
      nodeId: z.string(),
      seq: z.number().int(),
      at: z.string().optional(),
      reason: z.enum(['sequence', 'link', 'hash', 'seal', 'truncated']),
    })
    .optional(),
});

const bearer = [{ bearerAuth: [] }];
const denied = {
  '401': error('No valid token (UNAUTHENTICATED, INVALID_TOKEN)'),
  '403': error('FORBIDDEN_ROLE, WALL_READ_ONLY'),
};
const withBearer = { security: bearer };
const invalid = { '400': error('Invalid request (INVALID_REQUEST)') };

/** Auth, users, wall tokens and audit routes, spread into the document's `paths`. */
export function authOpenApiPaths() {
  return {
    '/api/v1/auth/login': {
      post: {
        summary: 'Sign in with username and password: a short-lived access token and a rotating refresh token',
        description:
          'Passwords are checked with argon2id. Any failure answers 401 INVALID_CREDENTIALS (unknown and disabled users ' +
          'included). After LOGIN_MAX_FAILURES failures in LOGIN_FAILURE_WINDOW_SECONDS the username is locked for ' +
          'LOGIN_LOCKOUT_SECONDS: 423 ACCOUNT_LOCKED with Retry-After. Every attempt is audited (`auth.login`).',
        security: [],
        requestBody: body(loginInput),
        responses: {
          '200': { description: 'Signed in', content: json(tokenPair) },
          ...invalid,
          '401': error('INVALID_CREDENTIALS'),
          '423': error('ACCOUNT_LOCKED; see Retry-After'),
        },
      },
    },
    '/api/v1/auth/refresh': {
      post: {
        summary: 'Trade a refresh token for a new pair; the old refresh token stops working',
        description:
          'Using a refresh token twice (a replay) ends its session: both tokens of that session stop working.',
        security: [],
        requestBody: body(refreshInput),
        responses: {
          '200': { description: 'New tokens', content: json(tokenPair) },
          ...invalid,
          '401': error('INVALID_REFRESH_TOKEN'),
        },
      },
    },
    '/api/v1/auth/logout': {
      post: {
        summary: "End the session of the body's refresh token, or else of the bearer access token",
        security: [],
        requestBody: { required: false, content: json(logoutInput, 'input') },
        responses: {
          '204': { description: 'Signed out: the access and refresh tokens fail from now on' },
          '401': error('INVALID_TOKEN'),
        },
      },
    },
    '/api/v1/auth/me': {
      get: {
        summary: 'Who the token belongs to: a user (role, unit, street) or a wall',
        security: [{ bearerAuth: [] }, { wallToken: [] }],
        responses: { '200': { description: 'The principal', content: json(principal) }, ...denied },
      },
    },
    '/api/v1/users': {
      get: {
        summary: 'Users (admin)',
        ...withBearer,
        responses: { '200': { description: 'Users', content: json(z.array(userView)) }, ...denied },
      },
      post: {
        summary: 'Create a user (admin)',
        ...withBearer,
        requestBody: body(createUserInput),
        responses: {
          '201': { description: 'Created', content: json(userView) },
          ...invalid,
          ...denied,
          '409': error('USERNAME_TAKEN'),
        },
      },
    },
    '/api/v1/users/{id}': {
      patch: {
        summary: 'Change a user (admin): name, role, unit, street, password, disabled; ends their sessions',
        ...withBearer,
        parameters: [idParam('User id')],
        requestBody: body(updateUserInput),
        responses: {
          '200': { description: 'Changed', content: json(userView) },
          ...invalid,
          ...denied,
          '404': error('USER_NOT_FOUND'),
          '409': error('SELF_LOCKOUT'),
        },
      },
    },
    '/api/v1/wall-tokens': {
      get: {
        summary: 'Wall tokens (admin); the tokens themselves are never shown again',
        ...withBearer,
        responses: { '200': { description: 'Wall tokens', content: json(z.array(wallTokenView)) }, ...denied },
      },
      post: {
        summary: 'Create a read-only wall token (admin); open the wall at /wall?token=<token>',
        ...withBearer,
        requestBody: body(createWallTokenInput),
        responses: {
          '201': {
            description: 'The token, shown this once',
            content: json(z.object({ token: z.string(), wallToken: wallTokenView })),
          },
          ...invalid,
          ...denied,
        },
      },
    },
    '/api/v1/wall-tokens/{id}': {
      delete: {
        summary: 'Revoke a wall token (admin)',
        ...withBearer,
        parameters: [idParam('Wall token id')],
        responses: {
          '200': { description: 'Revoked', content: json(wallTokenView) },
          ...denied,
          '404': error('WALL_TOKEN_NOT_FOUND'),
        },
      },
    },
    '/api/v1/audit': {
      get: {
        summary: 'The audit log, newest first (admin)',
        ...withBearer,
        parameters: Object.entries(z.toJSONSchema(auditPageQuery, { io: 'input' }).properties ?? {}).map(
          ([name, type]) => ({
            name,
            in: 'query',
            required: false,
            schema: type,
          }),
        ),
        responses: {
          '200': {
            description: 'A page of records',
            content: json(
              z.object({
                total: z.number().int(),
                limit: z.number().int(),
                offset: z.number().int(),
                items: z.array(auditRecord),
              }),
            ),
          },
          ...invalid,
          ...denied,
        },
      },
    },
    '/api/v1/audit/verify': {
      get: {
        summary: "Re-hash every node's SM3 chain and check the HMAC-SM3 seals (admin)",
        ...withBearer,
        responses: {
          '200': { description: 'Whether the log is intact, and where it breaks', content: json(verifyReport) },
          ...denied,
        },
      },
    },
  };
}
