import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryHotState } from '../hot-state/memory.hot-state';
import { ChdbSqlClient } from '../warehouse/chdb.sql-client';
import { migrate } from '../warehouse/migrations';
import { AuthBootstrap } from './auth-bootstrap';
import { AuthService } from './auth.service';
import { LoginThrottle } from './login-throttle';
import { PasswordHasher } from './password-hasher';
import { SessionStore } from './session.store';
import { TokenService } from './token.service';
import { TokenVerifier } from './token-verifier';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';
import { WallTokenService } from './wall-token.service';
import { WallTokensRepository } from './wall-tokens.repository';

const codeOf = async (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (error: { code?: string }) => error.code,
  );

describe('users, wall tokens and sign-in on chDB', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zs-auth-'));
  const dataDir = mkdtempSync(join(tmpdir(), 'zs-auth-data-'));
  let sql: ChdbSqlClient;
  let hotState: MemoryHotState;
  let users: UsersRepository;
  let usersService: UsersService;
  let walls: WallTokenService;
  let auth: AuthService;
  let verifier: TokenVerifier;
  let sessions: SessionStore;
  let bootstrap: AuthBootstrap;
  const hasher = new PasswordHasher();

  beforeAll(async () => {
    sql = new ChdbSqlClient(dir);
    await migrate(sql);
    hotState = new MemoryHotState();
    users = new UsersRepository(sql);
    sessions = new SessionStore(hotState, 3600);
    const tokens = new TokenService(Buffer.alloc(32, 7), { accessTtlSeconds: 900, refreshTtlSeconds: 3600 });
    const throttle = new LoginThrottle(hotState, { maxFailures: 3, windowSeconds: 60, lockoutSeconds: 120 });
    walls = new WallTokenService(new WallTokensRepository(sql));
    auth = new AuthService(users, hasher, tokens, sessions, throttle, {
      accessTtlSeconds: 900,
      refreshTtlSeconds: 3600,
    });
    usersService = new UsersService(users, hasher, sessions, new Set(['460105001', '460105002']));
    verifier = new TokenVerifier(tokens, sessions, walls, false);
    bootstrap = new AuthBootstrap(users, hasher, sessions, walls);
  });

  afterAll(async () => {
    await hotState.close();
    await sql.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps the newest version of a user and finds it by username', async () => {
    const created = await usersService.create({
      username: 'street.dispatcher',
      displayName: '街道派单员',
      role: 'dispatcher',
      townCode: '460105001',
      password: 'a long enough password',
    });
    await usersService.update(created.id, { displayName: '秀英街道派单员', department: 'XYJD' }, 'someone-else');
    const found = await users.findByUsername('street.dispatcher');
    expect(found).toMatchObject({
      id: created.id,
      displayName: '秀英街道派单员',
      department: 'XYJD',
      townCode: '460105001',
    });
    expect((await users.list()).filter((u) => u.username === 'street.dispatcher')).toHaveLength(1);
    expect(found?.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('refuses a taken username, a street outside the city and an admin locking themselves out', async () => {
    const input = { username: 'dup', displayName: 'D', role: 'leader' as const, password: 'a long enough password' };
    const results = await Promise.all([codeOf(usersService.create(input)), codeOf(usersService.create(input))]);
    expect(results.sort()).toEqual(['USERNAME_TAKEN', 'ok']);
    expect(await codeOf(usersService.create({ ...input, username: 'far', townCode: '110101001' }))).toBe(
      'INVALID_REQUEST',
    );
    const dup = await users.findByUsername('dup');
    expect(await codeOf(usersService.update(dup!.id, { disabled: true }, dup!.id))).toBe('SELF_LOCKOUT');
  });

  it('signs in, turns the access token into a principal, refreshes once, and signs out', async () => {
    const pair = await auth.login('  Street.Dispatcher ', 'a long enough password');
    expect(pair.user).toMatchObject({ username: 'street.dispatcher', role: 'dispatcher', townCode: '460105001' });
    expect(await verifier.verifyToken(pair.accessToken)).toMatchObject({
      kind: 'user',
      username: 'street.dispatcher',
      role: 'dispatcher',
      townCode: '460105001',
    });
    const next = await auth.refresh(pair.refreshToken);
    expect(await codeOf(auth.refresh(pair.refreshToken))).toBe('INVALID_REFRESH_TOKEN');
    // The replay ended the session: the new tokens stop working too.
    expect(await codeOf(verifier.verifyToken(next.accessToken))).toBe('INVALID_TOKEN');
    expect(await codeOf(auth.refresh(next.refreshToken))).toBe('INVALID_REFRESH_TOKEN');

    const again = await auth.login('street.dispatcher', 'a long enough password');
    await auth.logout({ accessToken: again.accessToken });
    expect(await codeOf(verifier.verifyToken(again.accessToken))).toBe('INVALID_TOKEN');
    expect(await codeOf(auth.refresh(again.refreshToken))).toBe('INVALID_REFRESH_TOKEN');
  });

  it('answers a wrong password, an unknown user and a disabled user alike, then locks the username', async () => {
    const created = await usersService.create({
      username: 'to.disable',
      displayName: 'X',
      role: 'engineer',
      password: 'a long enough password',
    });
    const pair = await auth.login('to.disable', 'a long enough password');
    await usersService.update(created.id, { disabled: true }, 'admin-id');
    expect(await codeOf(verifier.verifyToken(pair.accessToken))).toBe('INVALID_TOKEN');
    expect(await codeOf(auth.login('to.disable', 'a long enough password'))).toBe('INVALID_CREDENTIALS');
    expect(await codeOf(auth.login('no.such.user', 'whatever'))).toBe('INVALID_CREDENTIALS');
    expect(await codeOf(auth.login('street.dispatcher', 'wrong'))).toBe('INVALID_CREDENTIALS');
    expect(await codeOf(auth.login('street.dispatcher', 'wrong'))).toBe('INVALID_CREDENTIALS');
    expect(await codeOf(auth.login('street.dispatcher', 'wrong'))).toBe('ACCOUNT_LOCKED');
    // Locked: even the right password is refused until the lock-out ends.
    expect(await codeOf(auth.login('street.dispatcher', 'a long enough password'))).toBe('ACCOUNT_LOCKED');
  });

  it('creates, verifies and revokes wall tokens, storing only a hash', async () => {
    const { token, wallToken } = await walls.create('大厅屏', 'admin');
    expect(token).toMatch(/^zsw_[\w-]{43}$/);
    const stored = await sql.query<{ token_hash: string }>('SELECT token_hash FROM wall_tokens');
    expect(stored.map((row) => row.token_hash).join()).not.toContain(token);
    expect(await verifier.verifyToken(token)).toMatchObject({ kind: 'wall', displayName: '大厅屏' });
    await walls.revoke(wallToken.id);
    expect(await codeOf(verifier.verifyToken(token))).toBe('INVALID_TOKEN');
    expect((await walls.list()).find((w) => w.id === wallToken.id)?.revokedAt).toBeDefined();
    expect(await codeOf(walls.revoke('no-such-id'))).toBe('WALL_TOKEN_NOT_FOUND');
    expect(await codeOf(verifier.verifyToken('zsw_unknown'))).toBe('INVALID_TOKEN');
  });

  it('demo start: six accounts with the demo password and one wall token, the same after a restart', async () => {
    const first = await bootstrap.run({ demo: true, dataDir, demoPassword: 'demo-password-1' });
    expect(first.demoUsers).toEqual(['admin', 'commander', 'dispatcher', 'liaison', 'leader', 'engineer']);
    const liaison = await auth.login('liaison', 'demo-password-1');
    expect(liaison.user).toMatchObject({ role: 'liaison', department: 'SWJ' });
    const second = await bootstrap.run({ demo: true, dataDir, demoPassword: 'demo-password-1' });
    expect(second.wallToken).toBe(first.wallToken);
    expect((await walls.list()).filter((w) => w.demo)).toHaveLength(1);
    expect(await verifier.verifyToken(first.wallToken!)).toMatchObject({ kind: 'wall' });
    // A new DEMO_PASSWORD takes over at the next start.
    await bootstrap.run({ demo: true, dataDir, demoPassword: 'demo-password-2' });
    expect(await codeOf(auth.login('leader', 'demo-password-1'))).toBe('INVALID_CREDENTIALS');
    expect((await auth.login('leader', 'demo-password-2')).user.role).toBe('leader');
  });

  it('DEMO=0 start: the demo accounts are disabled and a real admin is made', async () => {
    const startup = await bootstrap.run({ demo: false, dataDir, adminPassword: 'first admin password' });
    expect(startup.disabledDemoUsers.sort()).toEqual([
      'admin',
      'commander',
      'dispatcher',
      'engineer',
      'leader',
      'liaison',
    ]);
    expect(startup.initialAdmin).toEqual({ username: 'admin' });
    expect(await codeOf(auth.login('commander', 'demo-password-2'))).toBe('INVALID_CREDENTIALS');
    expect((await auth.login('admin', 'first admin password')).user.role).toBe('admin');
    const again = await bootstrap.run({ demo: false, dataDir });
    expect(again).toEqual({ demo: false, disabledDemoUsers: [] });
  });
});
