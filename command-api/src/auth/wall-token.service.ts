import { randomBytes, randomUUID } from 'node:crypto';
import { sm3 } from 'sm-crypto';
import { z } from 'zod';
import { authErrors } from './auth.errors';
import type { Principal } from './principal';
import type { WallTokenRecord, WallTokensRepository } from './wall-tokens.repository';

/** Wall tokens look like `zsw_<43 base64url characters>` (256 random bits), so they are easy to tell apart. */
export const WALL_TOKEN_PREFIX = 'zsw_';

export const wallTokenName = z.string().trim().min(1).max(64);
export const createWallTokenInput = z.object({ name: wallTokenName }).strict();

export const hashWallToken = (token: string): string => sm3(token);

export const isWallToken = (token: string): boolean => token.startsWith(WALL_TOKEN_PREFIX);

export function wallTokenFromSecret(secret: Uint8Array): string {
  return WALL_TOKEN_PREFIX + Buffer.from(secret).toString('base64url');
}

export interface WallTokenView {
  id: string;
  name: string;
  createdBy: string;
  createdAt: string;
  revokedAt?: string;
  demo: boolean;
}

const viewOf = (record: WallTokenRecord): WallTokenView => ({
  id: record.id,
  name: record.name,
  createdBy: record.createdBy,
  createdAt: record.createdAt.toISOString(),
  ...(record.revokedAt ? { revokedAt: record.revokedAt.toISOString() } : {}),
  demo: record.demo,
});

/** A wall sees what a commander's wall shows, read-only: the guard lets it reach only @AllowWall GET routes. */
export function wallPrincipal(record: WallTokenRecord): Principal {
  return {
    kind: 'wall',
    userId: `wall:${record.id}`,
    username: `wall:${record.name}`,
    displayName: record.name,
    role: 'commander',
  };
}

const CACHE_MAX_AGE_MS = 30_000;
const MISS_RELOAD_INTERVAL_MS = 5_000;

/**
 * Creates, lists, revokes and checks wall tokens. Checks run on every wall request, so the live tokens
 * are cached by hash; the cache is reloaded after a change here, when older than 30 s (a token revoked on
 * another API node stops working there within 30 s), and at most every 5 s on an unknown token.
 */
export class WallTokenService {
  private cache = new Map<string, WallTokenRecord>();
  private loadedAt = 0;
  private loading: Promise<void> | undefined;

  constructor(
    private readonly repository: WallTokensRepository,
    private readonly now: () => number = Date.now,
  ) {}

  async create(
    name: string,
    createdBy: string,
    options: { demo?: boolean; token?: string } = {},
  ): Promise<{ token: string; wallToken: WallTokenView }> {
    const token = options.token ?? wallTokenFromSecret(randomBytes(32));
    const record: WallTokenRecord = {
      id: randomUUID(),
      name,
      tokenHash: hashWallToken(token),
      createdBy,
      createdAt: new Date(this.now()),
      demo: options.demo ?? false,
    };
    await this.repository.save(record);
    await this.load();
    return { token, wallToken: viewOf(record) };
  }

  async list(): Promise<WallTokenView[]> {
    return (await this.repository.list()).map(viewOf);
  }

  async revoke(id: string): Promise<WallTokenView> {
    const record = (await this.repository.list()).find((candidate) => candidate.id === id);
    if (!record) throw authErrors.wallTokenNotFound();
    if (record.revokedAt) return viewOf(record);
    const revoked = { ...record, revokedAt: new Date(this.now()) };
    await this.repository.save(revoked);
    await this.load();
    return viewOf(revoked);
  }

  /** The wall behind a token, or undefined for an unknown or revoked one. */
  async verify(token: string): Promise<Principal | undefined> {
    const hash = hashWallToken(token);
    const age = this.now() - this.loadedAt;
    if (age > CACHE_MAX_AGE_MS || (!this.cache.has(hash) && age > MISS_RELOAD_INTERVAL_MS)) await this.reload();
    const record = this.cache.get(hash);
    return record ? wallPrincipal(record) : undefined;
  }

  /** Demo mode: the token derived from a kept secret exists (created if missing); says whether it still works. */
  async ensure(token: string, name: string): Promise<'created' | 'exists' | 'revoked'> {
    const hash = hashWallToken(token);
    const existing = (await this.repository.list()).find((record) => record.tokenHash === hash);
    if (existing) return existing.revokedAt ? 'revoked' : 'exists';
    await this.create(name, 'demo', { demo: true, token });
    return 'created';
  }

  /** Concurrent checks share one reload. */
  private async reload(): Promise<void> {
    this.loading ??= this.load().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  private async load(): Promise<void> {
    const records = await this.repository.list();
    this.cache = new Map(records.filter((r) => !r.revokedAt).map((record) => [record.tokenHash, record]));
    this.loadedAt = this.now();
  }
}
