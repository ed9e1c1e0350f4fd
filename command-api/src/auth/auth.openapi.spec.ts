import { Reflector } from '@nestjs/core';
import { describe, expect, it } from 'vitest';
import { AuditController } from '../audit/audit.controller';
import { DeadLettersController } from '../dead-letters/dead-letters.controller';
import { EventsController } from '../events/events.controller';
import { HealthController } from '../health/health.controller';
import { HotlinePushController } from '../ingest/hotline/hotline-push.controller';
import { PushIngestController } from '../ingest/push-ingest.controller';
import { KpisController } from '../kpis/kpis.controller';
import { buildOpenApiDocument } from '../openapi/openapi.document';
import { AuthController } from './auth.controller';
import { withAuth } from './openapi-security';
import { routePolicies } from './route-policies';
import { UsersController } from './users.controller';
import { WallTokensController } from './wall-tokens.controller';

const controllers = [
  AuditController,
  AuthController,
  DeadLettersController,
  EventsController,
  HealthController,
  HotlinePushController,
  KpisController,
  PushIngestController,
  UsersController,
  WallTokensController,
];
const routes = routePolicies(controllers, new Reflector());

type Op = { security?: unknown; 'x-zhongshu-roles'?: string[]; requestBody?: unknown };
const document = withAuth(buildOpenApiDocument(), routes) as {
  paths: Record<string, Record<string, Op>>;
  components: { securitySchemes: Record<string, { type: string }> };
};

describe('OpenAPI document with auth', () => {
  it('lists the auth, users, wall-token and audit routes with zod-generated bodies', () => {
    for (const path of [
      '/api/v1/auth/login',
      '/api/v1/auth/refresh',
      '/api/v1/auth/logout',
      '/api/v1/auth/me',
      '/api/v1/users',
      '/api/v1/users/{id}',
      '/api/v1/wall-tokens',
      '/api/v1/wall-tokens/{id}',
      '/api/v1/audit',
      '/api/v1/audit/verify',
    ]) {
      expect(document.paths[path], path).toBeDefined();
    }
    expect(JSON.stringify(document.paths['/api/v1/auth/login'].post.requestBody)).toContain('"username"');
    expect(document.components.securitySchemes).toMatchObject({
      bearerAuth: { type: 'http' },
      wallToken: { type: 'apiKey' },
      ingestToken: { type: 'http' },
    });
  });

  it("reads each route's policy from its decorators", () => {
    const policy = (method: string, path: string) => routes.find((r) => r.method === method && r.path === path);
    expect(policy('get', '/api/v1/dead-letters/{id}/replay')).toBeUndefined();
    expect(policy('post', '/api/v1/dead-letters/{id}/replay')?.policy).toMatchObject({ roles: ['admin', 'engineer'] });
    expect(policy('get', '/api/v1/kpis/overview')?.policy).toMatchObject({ isPublic: false, allowWall: true });
    expect(policy('post', '/api/v1/events')).toMatchObject({ ingest: true, policy: { isPublic: true } });
    expect(policy('post', '/api/v1/ingest/{source}')?.policy.isPublic).toBe(true);
  });

  it('says which routes are public, which take a wall token and which need a role', () => {
    expect(document.paths['/api/health'].get.security).toEqual([]);
    expect(document.paths['/api/v1/auth/login'].post.security).toEqual([]);
    expect(document.paths['/api/v1/kpis/overview'].get.security).toEqual([{ bearerAuth: [] }, { wallToken: [] }, {}]);
    expect(document.paths['/api/v1/dead-letters'].get).toMatchObject({
      security: [{ bearerAuth: [] }],
      'x-zhongshu-roles': ['admin', 'engineer'],
    });
    expect(document.paths['/api/v1/audit/verify'].get['x-zhongshu-roles']).toEqual(['admin']);
    expect(document.paths['/api/v1/ingest/urban'].post.security).toEqual([]);
    expect(document.paths['/api/v1/events'].post.security).toEqual([{}, { ingestToken: [] }, { bearerAuth: [] }]);
    expect(document.paths['/api/v1/events'].get.security).toEqual([{ bearerAuth: [] }, { wallToken: [] }, {}]);
    // Every operation states its security explicitly.
    for (const operations of Object.values(document.paths)) {
      for (const operation of Object.values(operations)) expect(operation.security).toBeDefined();
    }
  });
});
