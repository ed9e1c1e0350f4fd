import type { Provider } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AuditLog } from '../audit/audit-log.service';
import { AuditController } from '../audit/audit.controller';
import { AuditInterceptor } from '../audit/audit.interceptor';
import { AuditRepository } from '../audit/audit.repository';
import { AuditLifecycle } from '../audit/audit.lifecycle';
import { RUNTIME, type Runtime } from '../runtime';
import { AuthBootstrap, type AuthStartup } from './auth-bootstrap';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { AUTH_SETTINGS, authSettingsFrom, type AuthSettings } from './auth.settings';
import { EventsIngestGuard } from './events-ingest.guard';
import { LoginThrottle } from './login-throttle';
import { PasswordHasher } from './password-hasher';
import { SessionStore } from './session.store';
import { TokenService } from './token.service';
import { TokenVerifier } from './token-verifier';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';
import { WallTokenService } from './wall-token.service';
import { WallTokensController } from './wall-tokens.controller';
import { WallTokensRepository } from './wall-tokens.repository';

/** What start-up did (demo password, wall token, first admin), for main.ts to print. */
export const AUTH_STARTUP = Symbol('AUTH_STARTUP');

export const authControllers = [AuthController, UsersController, WallTokensController, AuditController];

/**
 * Auth and audit for AppModule: the global guard and audit interceptor, and the providers other modules
 * use — `TokenVerifier` (verifyToken / authorizeWallRead, e.g. for the live gateway) and `AuditLog`.
 */
export const authProviders: Provider[] = [
  { provide: AUTH_SETTINGS, inject: [RUNTIME], useFactory: (runtime: Runtime) => authSettingsFrom(runtime.config) },
  { provide: PasswordHasher, useFactory: () => new PasswordHasher() },
  {
    provide: TokenService,
    inject: [AUTH_SETTINGS],
    useFactory: (settings: AuthSettings) => new TokenService(settings.jwtKey, settings),
  },
  {
    provide: SessionStore,
    inject: [RUNTIME, AUTH_SETTINGS],
    useFactory: (runtime: Runtime, settings: AuthSettings) =>
      new SessionStore(runtime.hotState, settings.refreshTtlSeconds),
  },
  {
    provide: LoginThrottle,
    inject: [RUNTIME, AUTH_SETTINGS],
    useFactory: (runtime: Runtime, settings: AuthSettings) => new LoginThrottle(runtime.hotState, settings.lockout),
  },
  { provide: UsersRepository, inject: [RUNTIME], useFactory: (runtime: Runtime) => new UsersRepository(runtime.sql) },
  {
    provide: WallTokenService,
    inject: [RUNTIME],
    useFactory: (runtime: Runtime) => new WallTokenService(new WallTokensRepository(runtime.sql)),
  },
  {
    provide: TokenVerifier,
    inject: [TokenService, SessionStore, WallTokenService, AUTH_SETTINGS],
    useFactory: (tokens: TokenService, sessions: SessionStore, walls: WallTokenService, settings: AuthSettings) =>
      new TokenVerifier(tokens, sessions, walls, settings.demo),
  },
  {
    provide: AuthService,
    inject: [UsersRepository, PasswordHasher, TokenService, SessionStore, LoginThrottle, AUTH_SETTINGS],
    useFactory: (
      users: UsersRepository,
      hasher: PasswordHasher,
      tokens: TokenService,
      sessions: SessionStore,
      throttle: LoginThrottle,
      settings: AuthSettings,
    ) => new AuthService(users, hasher, tokens, sessions, throttle, settings),
  },
  {
    provide: UsersService,
    inject: [UsersRepository, PasswordHasher, SessionStore, RUNTIME],
    useFactory: (users: UsersRepository, hasher: PasswordHasher, sessions: SessionStore, runtime: Runtime) =>
      new UsersService(users, hasher, sessions, new Set(runtime.gis.towns.map((town) => town.code))),
  },
  {
    provide: AuditLog,
    inject: [RUNTIME, AUTH_SETTINGS],
    useFactory: async (runtime: Runtime, settings: AuthSettings) => {
      const log = new AuditLog(
        new AuditRepository(runtime.sql),
        settings.nodeId,
        Buffer.from(settings.auditMacKey).toString('hex'),
      );
      await log.start();
      return log;
    },
  },
  {
    provide: AUTH_STARTUP,
    inject: [RUNTIME, UsersRepository, PasswordHasher, SessionStore, WallTokenService],
    useFactory: async (
      runtime: Runtime,
      users: UsersRepository,
      hasher: PasswordHasher,
      sessions: SessionStore,
      walls: WallTokenService,
    ): Promise<AuthStartup> =>
      new AuthBootstrap(users, hasher, sessions, walls).run({
        demo: runtime.config.DEMO,
        dataDir: runtime.config.dataDir,
        ...(runtime.config.DEMO_PASSWORD ? { demoPassword: runtime.config.DEMO_PASSWORD } : {}),
        ...(runtime.config.ADMIN_PASSWORD ? { adminPassword: runtime.config.ADMIN_PASSWORD } : {}),
      }),
  },
  AuditLifecycle,
  EventsIngestGuard,
  { provide: APP_GUARD, useClass: AuthGuard },
  { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
];
