import { hostname } from 'node:os';
import { loadOrCreateSecret } from '../config/secrets';
import type { RuntimeConfig } from '../runtime';

export const AUTH_SETTINGS = Symbol('AUTH_SETTINGS');

export interface LockoutPolicy {
  /** Failures of one username that lock it. */
  maxFailures: number;
  /** Failures older than this (counted from the latest failure) are forgotten. */
  windowSeconds: number;
  lockoutSeconds: number;
}

/** Everything auth and audit read from the configuration, resolved once at boot. */
export interface AuthSettings {
  demo: boolean;
  accessTtlSeconds: number;
  refreshTtlSeconds: number;
  lockout: LockoutPolicy;
  trustProxyHops: number;
  /** HS256 key for access and refresh tokens. */
  jwtKey: Uint8Array;
  /** HMAC-SM3 key that seals audit records; kept outside the warehouse it protects. */
  auditMacKey: Uint8Array;
  nodeId: string;
  dataDir: string;
}

export function authSettingsFrom(config: RuntimeConfig): AuthSettings {
  return {
    demo: config.DEMO,
    accessTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    refreshTtlSeconds: config.REFRESH_TOKEN_TTL_SECONDS,
    lockout: {
      maxFailures: config.LOGIN_MAX_FAILURES,
      windowSeconds: config.LOGIN_FAILURE_WINDOW_SECONDS,
      lockoutSeconds: config.LOGIN_LOCKOUT_SECONDS,
    },
    trustProxyHops: config.TRUST_PROXY_HOPS,
    jwtKey: loadOrCreateSecret(config.dataDir, 'jwt-signing', 32, config.JWT_SECRET).key,
    auditMacKey: loadOrCreateSecret(config.dataDir, 'audit-mac', 32, config.AUDIT_MAC_KEY).key,
    nodeId:
      config.NODE_ID ??
      hostname()
        .replace(/[^\w.-]/g, '-')
        .slice(0, 64),
    dataDir: config.dataDir,
  };
}
