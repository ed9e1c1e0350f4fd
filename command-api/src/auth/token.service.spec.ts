import { randomBytes } from 'node:crypto';
import { SignJWT, decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { TokenService, type AccessClaims } from './token.service';

const key = randomBytes(32);
const lifetimes = { accessTtlSeconds: 900, refreshTtlSeconds: 43_200 };
const claims: AccessClaims = {
  userId: 'u-1',
  sessionId: 's-1',
  sessionStart: 1_700_000_000_000,
  username: 'liaison',
  displayName: '联络员',
  role: 'liaison',
  department: 'SWJ',
};

const codeOf = async (promise: Promise<unknown>) =>
  promise.then(
    () => 'ok',
    (error: { code?: string }) => error.code,
  );

describe('TokenService', () => {
  it('round-trips an access token with role, unit and street, valid for the configured lifetime', async () => {
    const tokens = new TokenService(key, lifetimes, () => Date.parse('2026-11-21T01:00:00Z'));
    const token = await tokens.signAccess({ ...claims, townCode: '460105001' });
    expect(await tokens.verifyAccess(token)).toEqual({ ...claims, townCode: '460105001' });
    const { exp, iat } = decodeJwt(token);
    expect((exp ?? 0) - (iat ?? 0)).toBe(900);
  });

  it('refuses an expired access token', async () => {
    let now = Date.parse('2026-11-21T01:00:00Z');
    const tokens = new TokenService(key, lifetimes, () => now);
    const token = await tokens.signAccess(claims);
    now += 901_000;
    expect(await codeOf(tokens.verifyAccess(token))).toBe('INVALID_TOKEN');
  });

  it('never takes a refresh token as an access token, or the other way round', async () => {
    const tokens = new TokenService(key, lifetimes);
    const refresh = await tokens.signRefresh({ userId: 'u-1', sessionId: 's-1', sessionStart: 1, generation: 3 });
    const access = await tokens.signAccess(claims);
    expect(await codeOf(tokens.verifyAccess(refresh))).toBe('INVALID_TOKEN');
    expect(await codeOf(tokens.verifyRefresh(access))).toBe('INVALID_REFRESH_TOKEN');
    expect(await tokens.verifyRefresh(refresh)).toEqual({
      userId: 'u-1',
      sessionId: 's-1',
      sessionStart: 1,
      generation: 3,
    });
  });

  it('refuses tokens signed with another key, edited, unsigned, or with a forged role', async () => {
    const tokens = new TokenService(key, lifetimes);
    const other = new TokenService(randomBytes(32), lifetimes);
    const token = await tokens.signAccess(claims);
    expect(await codeOf(tokens.verifyAccess(await other.signAccess(claims)))).toBe('INVALID_TOKEN');

    const [header, , signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...decodeJwt(token), role: 'admin' })).toString('base64url');
    expect(await codeOf(tokens.verifyAccess(`${header}.${forged}.${signature}`))).toBe('INVALID_TOKEN');

    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'at+jwt' })).toString('base64url');
    expect(await codeOf(tokens.verifyAccess(`${none}.${token.split('.')[1]}.`))).toBe('INVALID_TOKEN');
    expect(await codeOf(tokens.verifyAccess('garbage'))).toBe('INVALID_TOKEN');
  });

  it('refuses a well-signed token whose role is not one of ours', async () => {
    const tokens = new TokenService(key, lifetimes);
    const token = await new SignJWT({ sid: 's', sst: 1, usr: 'x', dn: 'x', role: 'system' })
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
      .setSubject('u')
      .setIssuer('zhongshu')
      .setAudience('zhongshu-api')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key);
    expect(await codeOf(tokens.verifyAccess(token))).toBe('INVALID_TOKEN');
  });
});
