import { authErrors } from './auth.errors';
import type { LoginThrottle } from './login-throttle';
import type { PasswordHasher } from './password-hasher';
import type { SessionStore } from './session.store';
import type { TokenService } from './token.service';
import type { User } from './user.model';
import type { UsersRepository } from './users.repository';

export interface SignedInUser {
  id: string;
  username: string;
  displayName: string;
  role: User['role'];
  department?: string;
  townCode?: string;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  /** Seconds the access token is good for. */
  expiresIn: number;
  refreshExpiresIn: number;
  user: SignedInUser;
}

const signedIn = (user: User): SignedInUser => ({
  id: user.id,
  username: user.username,
  displayName: user.displayName,
  role: user.role,
  ...(user.department ? { department: user.department } : {}),
  ...(user.townCode ? { townCode: user.townCode } : {}),
});

/** Sign-in, token refresh (rotating) and sign-out. */
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly sessions: SessionStore,
    private readonly throttle: LoginThrottle,
    private readonly lifetimes: { accessTtlSeconds: number; refreshTtlSeconds: number },
  ) {}

  /**
   * Every failure looks the same from outside (401 INVALID_CREDENTIALS after one argon2 verification),
   * whether the username is unknown, disabled or the password wrong; a locked username answers 423.
   */
  async login(rawUsername: string, password: string): Promise<TokenPair> {
    const username = rawUsername.trim().toLowerCase();
    const locked = await this.throttle.lockedFor(username);
    if (locked > 0) throw authErrors.accountLocked(locked);
    const user = await this.users.findByUsername(username);
    const ok =
      user && !user.disabled
        ? await this.hasher.verify(user.passwordHash, password)
        : await this.hasher.verifyNobody(password);
    if (!ok || !user) {
      const lockedNow = await this.throttle.recordFailure(username);
      throw lockedNow > 0 ? authErrors.accountLocked(lockedNow) : authErrors.invalidCredentials();
    }
    await this.throttle.recordSuccess(username);
    const session = await this.sessions.start(user.id);
    return this.pair(user, session.sessionId, session.sessionStart, session.generation);
  }

  /** A new pair for a current refresh token; the old one stops working (a second use ends the session). */
  async refresh(refreshToken: string): Promise<TokenPair> {
    const claims = await this.tokens.verifyRefresh(refreshToken);
    const rotated = await this.sessions.rotate(claims, claims.generation);
    if (!rotated.ok) throw authErrors.invalidRefreshToken();
    const user = await this.users.findById(claims.userId);
    if (!user || user.disabled) {
      await this.sessions.revoke(claims.sessionId);
      throw authErrors.invalidRefreshToken();
    }
    return this.pair(user, claims.sessionId, claims.sessionStart, rotated.generation);
  }

  /** Ends the session of a refresh or access token: both stop working at once, on every node. */
  async logout(tokens: { refreshToken?: string; accessToken?: string }): Promise<{ userId: string; username: string }> {
    const claims = await this.sessionOf(tokens);
    if (!claims) throw authErrors.invalidToken();
    await this.sessions.revoke(claims.sessionId);
    const username = (await this.users.findById(claims.userId))?.username ?? '';
    return { userId: claims.userId, username };
  }

  private async sessionOf(tokens: { refreshToken?: string; accessToken?: string }) {
    if (tokens.refreshToken) {
      const claims = await this.tokens.verifyRefresh(tokens.refreshToken).catch(() => undefined);
      if (claims) return claims;
    }
    if (tokens.accessToken) return this.tokens.verifyAccess(tokens.accessToken).catch(() => undefined);
    return undefined;
  }

  private async pair(user: User, sessionId: string, sessionStart: number, generation: number): Promise<TokenPair> {
    const ref = { userId: user.id, sessionId, sessionStart };
    const [accessToken, refreshToken] = await Promise.all([
      this.tokens.signAccess({
        ...ref,
        username: user.username,
        displayName: user.displayName,
        role: user.role,
        ...(user.department ? { department: user.department } : {}),
        ...(user.townCode ? { townCode: user.townCode } : {}),
      }),
      this.tokens.signRefresh({ ...ref, generation }),
    ]);
    return {
      accessToken,
      refreshToken,
      tokenType: 'Bearer',
      expiresIn: this.lifetimes.accessTtlSeconds,
      refreshExpiresIn: this.lifetimes.refreshTtlSeconds,
      user: signedIn(user),
    };
  }
}
