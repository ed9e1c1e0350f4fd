import { role } from '@zhongshu/ticketing';
import { SignJWT, jwtVerify, type JWTPayload } from 'jose';
import { z } from 'zod';
import { authErrors } from './auth.errors';

const ISSUER = 'zhongshu';
const AUDIENCE = 'zhongshu-api';
/** Distinct `typ` headers: a refresh token is never accepted where an access token is expected, or back. */
const ACCESS_TYP = 'at+jwt';
const REFRESH_TYP = 'zs-refresh+jwt';

const sessionClaims = {
  sub: z.string().min(1),
  /** Session id: logout and rotation act on it. */
  sid: z.string().min(1),
  /** When the session began (epoch ms): a user-wide cut (disable, password reset) ends older sessions. */
  sst: z.number().int().nonnegative(),
};

const accessPayload = z.object({
  ...sessionClaims,
  usr: z.string(),
  dn: z.string(),
  role,
  dep: z.string().optional(),
  town: z.string().optional(),
});
const refreshPayload = z.object({ ...sessionClaims, gen: z.number().int().positive() });

export interface SessionRef {
  userId: string;
  sessionId: string;
  sessionStart: number;
}

export interface AccessClaims extends SessionRef {
  username: string;
  displayName: string;
  role: z.infer<typeof role>;
  department?: string;
  townCode?: string;
}

export interface RefreshClaims extends SessionRef {
  /** Rotation counter: only the newest refresh token of a session is accepted. */
  generation: number;
}

export interface TokenLifetimes {
  accessTtlSeconds: number;
  refreshTtlSeconds: number;
}

/** Signs and checks HS256 JWTs; knows nothing about sessions being revoked (see SessionStore). */
export class TokenService {
  constructor(
    private readonly key: Uint8Array,
    private readonly lifetimes: TokenLifetimes,
    private readonly now: () => number = Date.now,
  ) {}

  async signAccess(claims: AccessClaims): Promise<string> {
    const payload: JWTPayload = {
      sid: claims.sessionId,
      sst: claims.sessionStart,
      usr: claims.username,
      dn: claims.displayName,
      role: claims.role,
      ...(claims.department ? { dep: claims.department } : {}),
      ...(claims.townCode ? { town: claims.townCode } : {}),
    };
    return this.sign(payload, claims.userId, ACCESS_TYP, this.lifetimes.accessTtlSeconds);
  }

  async signRefresh(claims: RefreshClaims): Promise<string> {
    const payload: JWTPayload = { sid: claims.sessionId, sst: claims.sessionStart, gen: claims.generation };
    return this.sign(payload, claims.userId, REFRESH_TYP, this.lifetimes.refreshTtlSeconds);
  }

  async verifyAccess(token: string): Promise<AccessClaims> {
    const payload = accessPayload.safeParse(await this.verify(token, ACCESS_TYP));
    if (!payload.success) throw authErrors.invalidToken();
    const { sub, sid, sst, usr, dn, dep, town } = payload.data;
    return {
      userId: sub,
      sessionId: sid,
      sessionStart: sst,
      username: usr,
      displayName: dn,
      role: payload.data.role,
      ...(dep ? { department: dep } : {}),
      ...(town ? { townCode: town } : {}),
    };
  }

  async verifyRefresh(token: string): Promise<RefreshClaims> {
    let raw: JWTPayload;
    try {
      raw = await this.verify(token, REFRESH_TYP);
    } catch {
      throw authErrors.invalidRefreshToken();
    }
    const payload = refreshPayload.safeParse(raw);
    if (!payload.success) throw authErrors.invalidRefreshToken();
    const { sub, sid, sst, gen } = payload.data;
    return { userId: sub, sessionId: sid, sessionStart: sst, generation: gen };
  }

  private async sign(payload: JWTPayload, subject: string, typ: string, ttlSeconds: number): Promise<string> {
    const issuedAt = Math.floor(this.now() / 1000);
    return new SignJWT(payload)
      .setProtectedHeader({ alg: 'HS256', typ })
      .setSubject(subject)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + ttlSeconds)
      .sign(this.key);
  }

  private async verify(token: string, typ: string): Promise<JWTPayload> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        audience: AUDIENCE,
        typ,
        currentDate: new Date(this.now()),
        requiredClaims: ['sub', 'exp', 'iat'],
      });
      return payload;
    } catch {
      throw authErrors.invalidToken();
    }
  }
}
